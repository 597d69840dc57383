/** The query keys a stream event makes stale; pages holding them refetch by themselves. */
export function staleKeysFor(eventType: string): string[][] {
  const [subject] = eventType.split('.');
  switch (subject) {
    case 'notification':
      return [['notifications']];
    case 'conversation':
    case 'message':
    case 'read':
      return [['conversations']];
    case 'billable_event':
      return [['billable-events']];
    case 'time_entry':
      return [['time-entries']];
    case 'secure_invite':
      return [['secure-invite']];
    case 'presence':
      return [['presence']];
    default:
      return [];
  }
}
