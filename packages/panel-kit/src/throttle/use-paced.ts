import { useEffect, useRef, useState } from 'react';

import { Throttle } from './throttle';

/**
 * `value`, changing at most every `intervalMs` while `pacing` (a live stream can deliver thirty updates a second);
 * at once when not pacing. The latest value always arrives, a little late at worst.
 */
export function usePaced<T>(value: T, intervalMs: number, pacing: boolean): T {
  const [paced, setPaced] = useState(value);
  const throttle = useRef<Throttle | null>(null);
  throttle.current ??= new Throttle(intervalMs);
  useEffect(() => {
    const current = throttle.current!;
    if (pacing) current.request(() => setPaced(value));
    else {
      current.request(() => setPaced(value));
      current.flush();
    }
  }, [value, pacing]);
  useEffect(() => () => throttle.current?.cancel(), []);
  return pacing ? paced : value;
}
