/** The catalogue key explaining a failed sign-in, by the code the desktop API answered. */
export function signInErrorKey(code: string): string {
  switch (code) {
    case 'invalid_credentials':
    case 'network':
    case 'offline':
    case 'invalid_url':
    case 'validation':
    case 'rate_limited':
    case 'unexpected_answer':
      return `signIn.errors.${code}`;
    default:
      return 'signIn.errors.other';
  }
}
