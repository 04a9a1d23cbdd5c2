// The parts of the Telegram SDK the app uses. sdk.ts imports this module rather than the package, so the
// bundler keeps only these (a dynamic import of the package itself would keep all of it).
export {
  backButton,
  closingBehavior,
  hapticFeedback,
  init,
  invoice,
  // The courier's position while on the way (issue 12).
  locationManager,
  mainButton,
  miniApp,
  mockTelegramEnv,
  setDebug,
  shareURL,
  themeParams,
  viewport,
} from '@tma.js/sdk-solid';
