/** The development tools, separate apps that send a signed-out visitor to the staff sign-in and back. */
export const DEV_TOOL_PATHS = ['/dev/phone', '/dev/mail'] as const;

/** The staff sign-in page that returns to a development tool afterwards. */
export function signInToDevTool(path: (typeof DEV_TOOL_PATHS)[number]): string {
  return `/login?next=${encodeURIComponent(path)}`;
}

/**
 * The development tool a sign-in page's `?next=` asks to return to, or null. Only the known tools
 * count: any other value (another site, `//host`, a script URL) is ignored, so the parameter cannot
 * send a freshly signed-in user anywhere else.
 */
export function devToolAfterSignIn(search: string): string | null {
  const next = new URLSearchParams(search).get('next');
  return DEV_TOOL_PATHS.find((p) => p === next) ?? null;
}
