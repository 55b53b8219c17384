// The account use cases, one file each.
export { createAdmin } from './admin';
export { me } from './me';
export { changePassword, setLocale } from './password';
export { issueSetupCodes } from './setup-codes';
export { firstLogin, login, logout } from './sign-in';
