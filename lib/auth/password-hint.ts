// Apart from lib/auth/password-policy.ts so that forms in the browser can
// show the rule without loading its dictionaries.
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_HINT = `At least ${PASSWORD_MIN_LENGTH} characters. A few unrelated words work well.`;
