import { carColour } from '@eracing/telemetry-core/channels';
import { type CarInfo } from '@eracing/telemetry-core/protocol';
import { Random, STREAM } from './random';

// Math's functions bound once: global lookups are slow inside vm contexts such as Jest's.
const { min } = Math;

export const GRAVITY = 9.80665;
const AIR_DENSITY = 1.2;

/** Physical description of one car and its driver. SI units throughout (kg, m, s, W, N). */
export interface CarSetup {
  mass: number;
  /** Tyre friction coefficient: lateral and braking grip is `mu · g`. No aerodynamic downforce is modelled. */
  mu: number;
  /** Share of `mu · g` the rear-driven axle can put down under power. */
  tractionShare: number;
  /** Motor torque limit at the motor shaft, N·m, up to base speed; constant power above it. */
  motorTorque: number;
  motorPower: number;
  motorMaxRpm: number;
  /** Overall reduction ratios of the two-speed gearbox. */
  gearRatios: [number, number];
  /** Up- and downshift speeds, m/s. */
  upshiftSpeed: number;
  downshiftSpeed: number;
  wheelRadius: number;
  /** Aerodynamic drag F = dragFactor · v², N/(m/s)². */
  dragFactor: number;
  rollingResistance: number;
  /** Largest braking deceleration the tyres give, m/s² (never more than mu · g). */
  brakeDecel: number;
  /** Largest regenerative braking power at the wheels, W. */
  regenPower: number;
  driveEfficiency: number;
  regenEfficiency: number;
  auxiliaryPower: number;
  /** Share of mechanical braking on the front axle. */
  frontBrakeBias: number;
  wheelbase: number;
  trackWidth: number;
  cgHeight: number;
  /** Static share of weight on the front axle. */
  frontWeight: number;
  steeringRatio: number;
  /** Understeer gradient, rad per m/s² of lateral acceleration. */
  understeer: number;
  batteryCapacityKwh: number;
  /** Open-circuit pack voltage is `ocvEmpty + (ocvFull − ocvEmpty) · soc`, V. */
  ocvEmpty: number;
  ocvFull: number;
  packResistance: number;
  /** Mean share of the grip limit the driver uses on a push lap, and its spread from corner to corner. */
  skill: number;
  consistency: number;
}

export interface Entrant {
  number: number;
  driver: string;
  team: string;
}

/**
 * The entry list. Race numbers are distinct modulo 20, so the shared car colours (palette[(n − 1) % 20]) never
 * repeat within a full field. Teammates are adjacent; every name is invented.
 */
export const ENTRY_LIST: readonly Entrant[] = [
  { number: 1, driver: 'Lena Marchetti', team: 'Voltara Racing' },
  { number: 22, driver: 'Tomás Ferreira', team: 'Voltara Racing' },
  { number: 7, driver: 'Aiko Tanabe', team: 'Kestrel Motorsport' },
  { number: 48, driver: 'Jonas Eklund', team: 'Kestrel Motorsport' },
  { number: 13, driver: 'Priya Raman', team: 'Northwind EV' },
  { number: 94, driver: 'Mateo Quiroga', team: 'Northwind EV' },
  { number: 4, driver: 'Sofia Lindqvist', team: 'Apex Dynamo' },
  { number: 25, driver: 'Oskar Brandt', team: 'Apex Dynamo' },
  { number: 11, driver: 'Camille Durand', team: 'Halcyon E-Team' },
  { number: 30, driver: 'Rafael Okafor', team: 'Halcyon E-Team' },
  { number: 16, driver: 'Ines Kovač', team: 'Corvid Electric' },
  { number: 55, driver: 'Hugo van Aalst', team: 'Corvid Electric' },
  { number: 9, driver: 'Noor Haddad', team: 'Meridian Racing' },
  { number: 46, driver: 'Felix Moreau', team: 'Meridian Racing' },
  { number: 23, driver: 'Yuki Saeki', team: 'Blue Ampere' },
  { number: 38, driver: 'Daniel Sørensen', team: 'Blue Ampere' },
  { number: 17, driver: 'Amara Nwosu', team: 'Solano GP' },
  { number: 99, driver: 'Luca Bernardi', team: 'Solano GP' },
  { number: 12, driver: 'Elena Petrov', team: 'Tidewater Racing' },
  { number: 80, driver: 'Sam Whitaker', team: 'Tidewater Racing' },
];

export const MAX_CARS = ENTRY_LIST.length;

export function carInfo(entrant: Entrant): CarInfo {
  const id = String(entrant.number);
  return { id, number: entrant.number, driver: entrant.driver, team: entrant.team, colour: carColour(id) };
}

/** Each car's setup: a common electric single-seater, varied per car by the seed. */
export function carSetup(seed: number, carNumber: number): CarSetup {
  const r = Random.of(seed, STREAM.car, carNumber);
  const mu = r.uniform(1.5, 1.6);
  return {
    mass: r.uniform(848, 862),
    mu,
    tractionShare: 0.62,
    motorTorque: 440,
    motorPower: r.uniform(330e3, 350e3),
    motorMaxRpm: 19000,
    gearRatios: [13, 8],
    upshiftSpeed: 125 / 3.6,
    downshiftSpeed: 105 / 3.6,
    wheelRadius: 0.34,
    dragFactor: 0.5 * AIR_DENSITY * r.uniform(1.12, 1.18),
    rollingResistance: 130,
    brakeDecel: mu * GRAVITY * r.uniform(0.97, 1),
    regenPower: 250e3,
    driveEfficiency: 0.93,
    regenEfficiency: 0.9,
    auxiliaryPower: 1.5e3,
    frontBrakeBias: r.uniform(0.62, 0.68),
    wheelbase: 2.97,
    trackWidth: 1.55,
    cgHeight: 0.3,
    frontWeight: 0.44,
    steeringRatio: 10,
    understeer: r.uniform(0.002, 0.004),
    batteryCapacityKwh: 51,
    ocvEmpty: 680,
    ocvFull: 850,
    packResistance: r.uniform(0.07, 0.09),
    skill: r.uniform(0.955, 0.985),
    consistency: r.uniform(0.004, 0.012),
  };
}

/** The hard physical limits of a car, for checking the simulation. */
export interface CarLimits {
  /** Largest lateral acceleration, m/s² (`mu · g`). */
  lateral: number;
  /** Largest forward acceleration, m/s² (traction limit; the motor gives less above low speed). */
  acceleration: number;
  /** Largest deceleration, m/s²: tyre braking plus drag and rolling resistance at top speed. */
  deceleration: number;
  /** Top speed the motor's rev limit allows, m/s. */
  topSpeed: number;
}

export function carLimits(setup: CarSetup): CarLimits {
  const topSpeed = maxSpeed(setup);
  return {
    lateral: setup.mu * GRAVITY,
    acceleration: setup.tractionShare * setup.mu * GRAVITY,
    deceleration: setup.brakeDecel + resistance(setup, topSpeed) / setup.mass,
    topSpeed,
  };
}

export function maxSpeed(setup: CarSetup): number {
  return ((setup.motorMaxRpm / setup.gearRatios[1]) * 2 * Math.PI * setup.wheelRadius) / 60;
}

/** Drag plus rolling resistance at speed v, N. */
export function resistance(setup: CarSetup, v: number): number {
  return setup.dragFactor * v * v + setup.rollingResistance;
}

/** Gear for speed v: upshift when accelerating past the upshift speed, downshift when slowing below the downshift speed. */
export function gearFor(setup: CarSetup, v: number, accelerating: boolean): number {
  if (v <= 0) return 0;
  if (v >= setup.upshiftSpeed) return 2;
  if (v < setup.downshiftSpeed) return 1;
  return accelerating ? 1 : 2;
}

/** Largest tractive force the motor delivers at speed v: constant torque to base speed, then constant power. */
export function motorForce(setup: CarSetup, v: number): number {
  const ratio = v < setup.upshiftSpeed ? setup.gearRatios[0] : setup.gearRatios[1];
  const torqueLimited = (setup.motorTorque * ratio) / setup.wheelRadius;
  return v > 0 ? min(torqueLimited, setup.motorPower / v) : torqueLimited;
}

export function motorRpm(setup: CarSetup, v: number, gear: number): number {
  if (gear === 0) return 0;
  return ((v / setup.wheelRadius) * setup.gearRatios[gear - 1] * 60) / (2 * Math.PI);
}
