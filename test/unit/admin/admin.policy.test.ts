import { describe, expect, it } from 'vitest';
import {
  accountAbilities,
  adminPolicy,
  mayReadBreakGlassReason,
} from '../../../src/server/admin/admin.policy';
import type { Actor } from '../../../src/server/http/access';
import { CreateUser, UpdateUser } from '../../../src/shared/admin/users.contract';
import { Role } from '../../../src/shared/auth/auth.contract';

const actor = (role: Actor['role'], userId = 'me'): Actor => ({
  userId,
  municipalityId: 'm',
  role,
  teamId: role === 'team_member' || role === 'team_leader' ? 't' : null,
  displayName: 'X',
});

describe('admin policy', () => {
  it.each(Role.options)('users and organisation routes: only the administrator (%s)', (role) => {
    const allowed = role === 'administrator';
    expect(adminPolicy.users.allows(actor(role))).toBe(allowed);
    expect(adminPolicy.organisation.allows(actor(role))).toBe(allowed);
  });

  it.each(Role.options)(
    'a break-the-glass reason: only the leader of the family’s team reads it (%s)',
    (role) => {
      // `actor` puts team staff in team 't'.
      expect(mayReadBreakGlassReason(actor(role), { teamId: 't' })).toBe(role === 'team_leader');
      expect(mayReadBreakGlassReason(actor(role), { teamId: 'another' })).toBe(false);
      expect(mayReadBreakGlassReason(actor(role), { teamId: null })).toBe(false);
    },
  );

  const sso = { singleSignOn: true };

  it('an administrator may disable others, not themselves, and enable only a disabled account', () => {
    const admin = actor('administrator');
    expect(accountAbilities(admin, { id: 'other', disabled: false, hasPassword: true }, sso)).toEqual({
      disable: true,
      enable: false,
      changeRole: true,
      switchToSso: true,
    });
    expect(accountAbilities(admin, { id: 'other', disabled: true, hasPassword: true }, sso)).toEqual({
      disable: false,
      enable: true,
      changeRole: true,
      switchToSso: true,
    });
    expect(accountAbilities(admin, { id: 'me', disabled: false, hasPassword: true }, sso)).toEqual({
      disable: false,
      enable: false,
      changeRole: false,
      switchToSso: false,
    });
  });

  it('an administrator may move another password account to single sign-on, not their own or one already there', () => {
    const admin = actor('administrator');
    expect(
      accountAbilities(admin, { id: 'other', disabled: false, hasPassword: true }, { singleSignOn: false })
        .switchToSso,
    ).toBe(false);
    expect(
      accountAbilities(admin, { id: 'other', disabled: false, hasPassword: true }, sso).switchToSso,
    ).toBe(true);
    expect(
      accountAbilities(admin, { id: 'other', disabled: false, hasPassword: false }, sso).switchToSso,
    ).toBe(false);
    expect(accountAbilities(admin, { id: 'me', disabled: false, hasPassword: true }, sso).switchToSso).toBe(
      false,
    );
  });
});

describe('account contracts', () => {
  const base = {
    username: 'sara.holm',
    displayName: 'Sara Holm',
    role: 'team_member',
    teamId: '00000000-0000-4000-8000-000000000001',
    signIn: 'password',
    password: 'harbour lantern oat vivid',
  };
  const codes = (input: unknown) =>
    CreateUser.safeParse(input).error?.issues.map((i) => `${i.path.join('.')}:${i.message}`) ?? [];

  it('accepts a team member with a team and a password, and an SSO-only analyst without either', () => {
    expect(codes(base)).toEqual([]);
    expect(codes({ ...base, role: 'analyst', teamId: null, signIn: 'sso', password: undefined })).toEqual([]);
  });

  it('names the field for each rule broken', () => {
    expect(codes({ ...base, teamId: '' })).toEqual(['teamId:errors.teamRequired']);
    expect(codes({ ...base, role: 'administrator' })).toEqual(['teamId:errors.teamNotForRole']);
    expect(codes({ ...base, signIn: 'sso' })).toEqual(['password:errors.passwordNotForSso']);
    expect(codes({ ...base, password: '' })).toContain('password:errors.required');
    expect(codes({ ...base, email: 'x@' })).toEqual(['email:errors.email']);
    expect(codes({ ...base, username: '' })).toContain('username:errors.required');
  });

  it('an edit needs the version it was based on, and empty e-mail means none', () => {
    expect(UpdateUser.safeParse({ displayName: 'X' }).success).toBe(false);
    expect(UpdateUser.parse({ version: 3, email: '' })).toEqual({ version: 3, email: null });
  });
});
