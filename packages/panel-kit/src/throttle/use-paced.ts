import { useEffect, useState } from 'react';

import { Throttle } from './throttle';

/**
 * `value`, changing at most every `intervalMs` while `pacing` (a live stream can deliver thirty updates a second);
 * at once when not pacing. The latest value always arrives, a little late at worst.
 */
export function usePaced<T>(value: T, intervalMs: number, pacing: boolean): T {
  const [paced, setPaced] = useState(value);
  const [throttle] = useState(() => new Throttle(intervalMs));
  useEffect(() => {
    throttle.request(() => setPaced(value));
    if (!pacing) throttle.flush();
  }, [throttle, value, pacing]);
  useEffect(() => () => throttle.cancel(), [throttle]);
  return pacing ? paced : value;
}
