/**
 * How many times the car view's zone components have rendered. Read by the tests and the bench to prove that an
 * emission re-renders only the zones whose value, colour or state changed.
 */
export const renderCount = { zones: 0 };
