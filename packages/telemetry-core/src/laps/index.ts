export * from './split';
export * from './validity';
export * from './sectors';
export * from './aggregates';
export * from './format';
export * from './lap-choice';
