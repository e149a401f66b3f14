/** Same rule as the contract's `Username`: checked here to answer before the round trip. */
export const USERNAME_RE = /^[a-z0-9._-]{3,40}$/;
