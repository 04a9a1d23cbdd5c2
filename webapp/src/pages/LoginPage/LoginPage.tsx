import { Navigate, useSearchParams } from '@solidjs/router';
import { createMutation, useClient } from '@urql/solid';
import { createSignal, Match, onMount, Show, Switch } from 'solid-js';
import { session } from '../../auth/session';
import { completeSignIn } from '../../auth/sign-in';
import { clearSignedOut, signedOutByChoice } from '../../auth/sign-out';
import { ErrorMessage } from '../../components/ErrorMessage/ErrorMessage';
import { LanguageSwitch } from '../../components/LanguageSwitch/LanguageSwitch';
import { Spinner } from '../../components/Spinner/Spinner';
import { cookieSignInContext, signInContext } from '../../graphql/auth-exchange';
import { t } from '../../i18n/i18n';
import { afterLoginPath } from '../../route-paths';
import { installationId } from '../../telegram/installation-id';
import { deviceLabel, type TelegramLaunch, useLaunch } from '../../telegram/launch';
import {
  LoginWithCodeMutation,
  LoginWithPasswordMutation,
  LoginWithTelegramMutation,
  RequestLoginCodeMutation,
} from './login.documents';

/**
 * Sign-in. Inside Telegram it signs in at once with the launch's init data; outside (or when that
 * Telegram account is not linked) it offers email + password, or a 6-digit code sent to Telegram.
 * A successful sign-in changes the session, which re-creates the app at this address (App.tsx); the
 * page then finds a session and moves on: to `next`, or to the shop picker when there is no shop to
 * work in yet (unless `next` is an invite, which is how one gets a shop).
 */
export default function LoginPage() {
  const launch = useLaunch();
  const [searchParams] = useSearchParams();
  const [telegramFailed, setTelegramFailed] = createSignal(false);

  return (
    <Show
      when={session()}
      fallback={
        <main class="page page--center login">
          <div class="login__brand" aria-hidden="true">
            <img src="/favicon.svg" alt="" width="64" height="64" />
          </div>
          <h1 class="login__title">{t('login.title')}</h1>
          <Show when={launch.kind === 'browser' && launch.telegramLinkOutsideTelegram}>
            <p class="hint login__notice" role="status">
              {t('login.outsideTelegram')}
            </p>
          </Show>
          <Show when={launch.kind === 'telegram' ? launch : undefined}>
            {(telegram) => <TelegramSignIn launch={telegram()} onFailed={() => setTelegramFailed(true)} />}
          </Show>
          <Show when={launch.kind === 'browser' || telegramFailed()}>
            <BrowserSignIn />
          </Show>
          <LanguageSwitch />
        </main>
      }
    >
      {(current) => <Navigate href={afterLoginPath(searchParams.next, current().activeShopId !== null)} />}
    </Show>
  );
}

function device(): string {
  return deviceLabel(useLaunch(), navigator.userAgent);
}

/**
 * How a password or code sign-in is sent: outside Telegram the refresh token goes into the server's
 * HttpOnly cookie; inside (an unlinked account), where the webview may drop cookies, into memory.
 */
function emailSignInContext() {
  return useLaunch().kind === 'browser' ? cookieSignInContext : signInContext;
}

function TelegramSignIn(props: { launch: TelegramLaunch; onFailed: () => void }) {
  const client = useClient();
  const [state, loginWithTelegram] = createMutation(LoginWithTelegramMutation);
  const label = device();

  // After signing out the person chooses how to sign in again, rather than being signed straight back in.
  const [waiting, setWaiting] = createSignal(signedOutByChoice());
  if (waiting()) props.onFailed();

  async function signIn() {
    clearSignedOut();
    setWaiting(false);
    const initData = props.launch.rawInitData;
    if (!initData) {
      props.onFailed();
      return;
    }
    const result = await loginWithTelegram(
      { initData, device: label, installation: installationId() },
      signInContext,
    );
    if (result.data) await completeSignIn(client, result.data.loginWithTelegram);
    else props.onFailed();
  }

  onMount(() => {
    if (!waiting()) void signIn();
  });

  return (
    <section class="card login__telegram">
      <Switch>
        <Match when={waiting()}>
          <p class="hint">{t('login.telegram.signedOut')}</p>
          <button type="button" class="button button--primary" onClick={() => void signIn()}>
            {t('login.telegram.signIn')}
          </button>
        </Match>
        <Match when={!props.launch.rawInitData}>
          <p class="error-message" role="alert">
            {t('login.telegram.noInitData')}
          </p>
        </Match>
        <Match when={state.fetching || (!state.error && !state.data)}>
          <Spinner label={t('login.telegram.progress')} />
        </Match>
        <Match when={state.error}>
          <ErrorMessage
            error={state.error}
            overrides={{ UNAUTHENTICATED: 'login.error.telegram', FORBIDDEN: 'login.error.telegram' }}
            onRetry={() => void signIn()}
          />
        </Match>
      </Switch>
    </section>
  );
}

function BrowserSignIn() {
  const [method, setMethod] = createSignal<'password' | 'code'>('password');
  return (
    <section class="card login__forms">
      <div class="segmented" role="tablist">
        <button
          type="button"
          role="tab"
          aria-selected={method() === 'password'}
          class="segmented__option"
          onClick={() => setMethod('password')}
        >
          {t('login.tab.password')}
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={method() === 'code'}
          class="segmented__option"
          onClick={() => setMethod('code')}
        >
          {t('login.tab.code')}
        </button>
      </div>
      <Show when={method() === 'password'} fallback={<CodeForm />}>
        <PasswordForm />
      </Show>
    </section>
  );
}

function PasswordForm() {
  const client = useClient();
  const [state, loginWithPassword] = createMutation(LoginWithPasswordMutation);
  const [email, setEmail] = createSignal('');
  const [password, setPassword] = createSignal('');
  const label = device();
  const signInOptions = emailSignInContext();

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const result = await loginWithPassword(
      { email: email().trim(), password: password(), device: label },
      signInOptions,
    );
    if (result.data) await completeSignIn(client, result.data.loginWithPassword);
  }

  return (
    <form class="form" onSubmit={submit}>
      <label class="field">
        <span class="field__label">{t('login.email')}</span>
        <input
          class="field__input"
          type="email"
          name="email"
          autocomplete="username"
          inputmode="email"
          required
          value={email()}
          onInput={(event) => setEmail(event.currentTarget.value)}
        />
      </label>
      <label class="field">
        <span class="field__label">{t('login.password')}</span>
        <input
          class="field__input"
          type="password"
          name="password"
          autocomplete="current-password"
          required
          value={password()}
          onInput={(event) => setPassword(event.currentTarget.value)}
        />
      </label>
      <ErrorMessage
        error={state.error}
        overrides={{ UNAUTHENTICATED: 'login.error.credentials', BAD_USER_INPUT: 'login.error.credentials' }}
      />
      <button type="submit" class="button button--primary" disabled={state.fetching}>
        {t('login.submit')}
      </button>
    </form>
  );
}

/** Two steps: ask for a code by email, then enter the 6 digits Posy's bot sent to the linked Telegram account. */
function CodeForm() {
  const [requestState, requestLoginCode] = createMutation(RequestLoginCodeMutation);
  const client = useClient();
  const [loginState, loginWithCode] = createMutation(LoginWithCodeMutation);
  const [email, setEmail] = createSignal('');
  const [code, setCode] = createSignal('');
  const [codeSentTo, setCodeSentTo] = createSignal<string>();
  const label = device();
  const signInOptions = emailSignInContext();

  async function requestCode(event?: SubmitEvent) {
    event?.preventDefault();
    const address = email().trim();
    const result = await requestLoginCode({ email: address }, signInContext);
    if (result.data?.requestLoginCode) {
      setCode('');
      setCodeSentTo(address);
    }
  }

  async function submitCode(event: SubmitEvent) {
    event.preventDefault();
    const address = codeSentTo();
    if (!address) return;
    const result = await loginWithCode({ email: address, code: code(), device: label }, signInOptions);
    if (result.data) await completeSignIn(client, result.data.loginWithCode);
  }

  return (
    <Show
      when={codeSentTo()}
      fallback={
        <form class="form" onSubmit={requestCode}>
          <p class="hint">{t('login.code.hint')}</p>
          <label class="field">
            <span class="field__label">{t('login.email')}</span>
            <input
              class="field__input"
              type="email"
              name="email"
              autocomplete="username"
              inputmode="email"
              required
              value={email()}
              onInput={(event) => setEmail(event.currentTarget.value)}
            />
          </label>
          <ErrorMessage error={requestState.error} />
          <button type="submit" class="button button--primary" disabled={requestState.fetching}>
            {t('login.code.request')}
          </button>
        </form>
      }
    >
      {(address) => (
        <form class="form" onSubmit={submitCode}>
          <p class="hint">{t('login.code.sent', { email: address() })}</p>
          <label class="field">
            <span class="field__label">{t('login.code.label')}</span>
            <input
              class="field__input field__input--code"
              type="text"
              name="code"
              inputmode="numeric"
              autocomplete="one-time-code"
              pattern="[0-9]{6}"
              maxlength="6"
              required
              value={code()}
              onInput={(event) => setCode(event.currentTarget.value.replace(/\D/g, '').slice(0, 6))}
            />
          </label>
          <ErrorMessage
            error={loginState.error}
            overrides={{ UNAUTHENTICATED: 'login.error.code', BAD_USER_INPUT: 'login.error.code' }}
          />
          <ErrorMessage error={requestState.error} />
          <button
            type="submit"
            class="button button--primary"
            disabled={loginState.fetching || code().length !== 6}
          >
            {t('login.code.submit')}
          </button>
          <div class="form__links">
            <button
              type="button"
              class="button button--plain"
              disabled={requestState.fetching}
              onClick={() => void requestCode()}
            >
              {t('login.code.again')}
            </button>
            <button type="button" class="button button--plain" onClick={() => setCodeSentTo(undefined)}>
              {t('login.code.otherEmail')}
            </button>
          </div>
        </form>
      )}
    </Show>
  );
}
