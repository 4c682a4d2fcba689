// What the poll and edit components compute, pure (tested in test/polls.test.ts).
import type { Poll, Status } from '../api/types';

/** An edited post as a stream sends it (no viewer's flags: `status.update`)
 * over the one shown: the viewer's likes, reposts, bookmark, pin and votes
 * stay. */
export function withViewerFlags(old: Status, edited: Status): Status {
  const poll =
    edited.poll && old.poll && edited.poll.id === old.poll.id
      ? { ...edited.poll, voted: old.poll.voted, own_votes: old.poll.own_votes }
      : edited.poll;
  return {
    ...edited,
    favourited: old.favourited,
    reblogged: old.reblogged,
    bookmarked: old.bookmarked,
    pinned: old.pinned,
    poll,
  };
}

/** Whether a poll being written can be sent: every option written (trimmed),
 * none repeated, two at least. */
export function pollReady(options: string[]): boolean {
  const opts = options.map((o) => o.trim());
  return opts.length >= 2 && opts.every((o) => o.length > 0) && new Set(opts).size === opts.length;
}

export interface PollRow {
  title: string;
  /** null while the totals are hidden. */
  votes: number | null;
  /** Rounded percent of the voters (of the votes for a one-choice poll). */
  percent: number;
  leading: boolean;
  mine: boolean;
}

/** A poll's results as shown: a multiple-choice poll's percentages are of its
 * voters (they may add up past 100), as Mastodon's apps show them. */
export function pollRows(poll: Poll): PollRow[] {
  const total = poll.multiple ? (poll.voters_count ?? poll.votes_count) : poll.votes_count;
  const most = Math.max(0, ...poll.options.map((o) => o.votes_count ?? 0));
  const mine = new Set(poll.own_votes ?? []);
  return poll.options.map((o, i) => ({
    title: o.title,
    votes: o.votes_count,
    percent: o.votes_count !== null && total ? Math.round((o.votes_count / total) * 100) : 0,
    leading: o.votes_count !== null && most > 0 && o.votes_count === most,
    mine: mine.has(i),
  }));
}
