/**
 * When each participant starts joining, in ramp-up steps. Participants are spread over the rooms in turn
 * (participant i in room i mod rooms.count) and by default join in index order, so every room fills at
 * the same pace. A platform whose rooms hold a fixed number (1:1 calls) joins room by room instead: in
 * index order, a callee would wait rooms.count × rampUpMs for its caller, and that wait would count in its
 * join time. The rooms themselves do not change, so participant groups keep their meaning (in 1:1 calls,
 * the first half of the indexes is one side of every call, e.g. the clinicians).
 */
export function joinSlot(index: number, rooms: number, fixedRoomSize: number | undefined): number {
  if (!fixedRoomSize) return index;
  const room = index % rooms;
  const seat = Math.floor(index / rooms);
  return room * fixedRoomSize + seat;
}
