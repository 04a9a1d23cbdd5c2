import type { Exchange, Operation } from '@urql/core';
import { fromPromise, make, makeSubject, mergeMap, pipe, subscribe } from 'wonka';

/**
 * An exchange whose code arrives later (a dynamic import): operations sent before it has loaded are
 * held, in order, and handed to it once it is there. Lets the normalized cache stay out of the first
 * screen's JavaScript while every operation still goes through it.
 */
export function lazyExchange(load: () => Promise<Exchange>): Exchange {
  return (input) => {
    const loading = load();
    return (operations$) =>
      make((observer) => {
        const held: Operation[] = [];
        let ready = false;
        const forward = makeSubject<Operation>();
        const incoming = pipe(
          operations$,
          subscribe((operation) => {
            if (ready) forward.next(operation);
            else held.push(operation);
          }),
        );
        // Subscribed first, so the loaded exchange listens to `forward` before the held operations flow.
        const results = pipe(
          fromPromise(loading),
          mergeMap((exchange) => exchange(input)(forward.source)),
          subscribe(observer.next),
        );
        void loading.then(() => {
          ready = true;
          for (const operation of held.splice(0)) forward.next(operation);
        });
        return () => {
          incoming.unsubscribe();
          results.unsubscribe();
        };
      });
  };
}
