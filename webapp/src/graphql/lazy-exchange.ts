import type { Exchange, Operation } from '@urql/core';
import { make, makeSubject, pipe, type Subscription, subscribe } from 'wonka';

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
        let stopped = false;
        let results: Subscription | undefined;
        const forward = makeSubject<Operation>();
        const incoming = pipe(
          operations$,
          subscribe((operation) => {
            if (ready) forward.next(operation);
            else held.push(operation);
          }),
        );
        void loading.then((exchange) => {
          if (stopped) return;
          // Listening first: the held operations then flow into an exchange that is subscribed to them.
          results = pipe(exchange(input)(forward.source), subscribe(observer.next));
          ready = true;
          for (const operation of held.splice(0)) forward.next(operation);
        });
        return () => {
          stopped = true;
          incoming.unsubscribe();
          results?.unsubscribe();
        };
      });
  };
}
