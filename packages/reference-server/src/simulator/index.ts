export { buildCircuit, LOWMERE } from './circuit';
export type {
  BuildCircuitOptions,
  Circuit,
  CircuitCorner,
  CircuitDesign,
  CornerDesign,
  PitLane,
  PitLaneDesign,
} from './circuit';
export { createSimulatorSource, SimulatorSource, SIMULATOR_VERSION } from './simulator-source';
export type { LapGroundTruth, LapInspection, SimulatorOptions } from './simulator-source';
export { ENTRY_LIST, MAX_CARS, carLimits, carSetup, GRAVITY } from './vehicle';
export type { CarLimits, CarSetup, Entrant } from './vehicle';
