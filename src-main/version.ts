/** The app version, injected by the bundler; falls back to the package's when running from source. */
declare const __BALCAO_VERSION__: string | undefined;
export const APP_VERSION: string = typeof __BALCAO_VERSION__ === 'string' ? __BALCAO_VERSION__ : '0.1.0';
