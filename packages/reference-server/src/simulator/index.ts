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
export { createSimulatorSource, SimulatorSource, SIMULATOR_VERSION } from './simulatorSource';
export type { LapGroundTruth, LapInspection, SimulatorOptions } from './simulatorSource';
export { ENTRY_LIST, MAX_CARS, carLimits, carSetup, GRAVITY } from './vehicle';
export type { CarLimits, CarSetup, Entrant } from './vehicle';
