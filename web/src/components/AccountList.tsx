// A list of accounts (followers, following, search results).
import type { ComponentChildren } from 'preact';
import type { Account } from '../api/types';
import { Avatar } from './Avatar';
import { OrgBadge, displayName } from './Status';

export function AccountRow({ account, action }: { account: Account; action?: ComponentChildren }) {
  return (
    <li class={`account-row${action ? ' account-row-action' : ''}`}>
      <a href={`/@${account.acct}`} class="account-link">
        <Avatar account={account} />
        <span class="account-text">
          <span class="account-name">
            <span class="display-name">{displayName(account)}</span>
            <OrgBadge account={account} />
          </span>
          <span class="acct">@{account.acct}</span>
        </span>
      </a>
      {action}
    </li>
  );
}

export function AccountList({ accounts, label }: { accounts: Account[]; label?: string }) {
  return (
    <ul class="account-list" aria-label={label}>
      {accounts.map((a) => (
        <AccountRow key={a.id} account={a} />
      ))}
    </ul>
  );
}
