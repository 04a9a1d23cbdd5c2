import { Router, type RouteSectionProps } from '@solidjs/router';
import { Provider } from '@urql/solid';
import { ErrorBoundary, lazy, Show, Suspense } from 'solid-js';
import { graphqlClient } from '../../graphql/client';
import { withMessages } from '../../i18n/i18n';
import { updateWaiting } from '../../pwa/service-worker';
import { routes } from '../../routes';
import { type Launch, LaunchContext } from '../../telegram/launch';
import { LinkStatus } from '../LinkStatus/LinkStatus';
import { Spinner } from '../Spinner/Spinner';

/** Loaded when a page fails: the first screen has no use for it (the 45 KB budget). */
const ErrorPage = lazy(() => import('../ErrorPage/ErrorPage').then((m) => ({ default: m.ErrorPage })));

/** Loaded, with its strings, only once a new version waits: most visits never download it. */
const UpdatePrompt = lazy(withMessages(['pwa'], () => import('../UpdatePrompt/UpdatePrompt')));

function AppShell(props: RouteSectionProps) {
  return (
    <div class="app">
      <LinkStatus />
      <Show when={updateWaiting()}>
        <Suspense>
          <UpdatePrompt />
        </Suspense>
      </Show>
      <ErrorBoundary
        fallback={(error, reset) => (
          <Suspense fallback={<Spinner />}>
            <ErrorPage error={error} onRetry={reset} />
          </Suspense>
        )}
      >
        <Suspense fallback={<Spinner />}>{props.children}</Suspense>
      </ErrorBoundary>
    </div>
  );
}

/**
 * The whole app is keyed by the GraphQL client: signing in or out and switching shops give a new
 * client (see graphqlClient), and with it a new router and pages, so nothing cached for one shop is
 * shown in another. The new router starts from the address bar, so whoever changes the scope puts
 * the destination there first.
 */
export function App(props: { launch: Launch }) {
  return (
    <LaunchContext.Provider value={props.launch}>
      <Show when={graphqlClient()} keyed>
        {(client) => (
          <Provider value={client}>
            <Router root={AppShell}>{routes}</Router>
          </Provider>
        )}
      </Show>
    </LaunchContext.Provider>
  );
}
