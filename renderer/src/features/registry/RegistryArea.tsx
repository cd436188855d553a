import { RegistryPage } from './RegistryPage';
import { RoomCardPage } from './RoomCardPage';

/** #/registry → the tree and search; #/registry/room/<id> → that room's card. */
export function RegistryArea({ rest }: { rest: readonly string[] }) {
  if (rest[0] === 'room' && rest[1]) return <RoomCardPage key={rest[1]} id={decodeURIComponent(rest[1])} />; // a new room: fresh state, no dialog left open
  return <RegistryPage />;
}
