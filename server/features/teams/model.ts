/** Members added and removed when a team's member list is replaced. */
export function membershipChange(before: readonly string[], after: readonly string[]) {
  const was = new Set(before);
  const is = new Set(after);
  return {
    added: after.filter((id) => !was.has(id)),
    removed: before.filter((id) => !is.has(id)),
  };
}
