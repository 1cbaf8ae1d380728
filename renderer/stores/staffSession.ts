import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { StaffAccount, StaffSession } from '../../db/api/contract/index.js';
import type { StaffSessionWithCode } from '../../db/api/contract/staff.js';
import { useApi } from '../api/index.js';

const STORAGE_KEY = 'houniao.staffSession';

/** The signed-in staff member of this console. Kept for the browser tab only (sessionStorage). */
export const useStaffSessionStore = defineStore('staffSession', () => {
  const api = useApi();
  const session = ref<StaffSession | null>(null);
  const staff = computed<StaffAccount | null>(() => session.value?.staff ?? null);
  const isAdmin = computed(() => staff.value?.role === 'admin');
  /**
   * A recovery code just made (setup, recovery, 账号管理): shown once by RecoveryCodeNotice until
   * the manager says it is saved. Memory only — never written to storage.
   */
  const freshRecoveryCode = ref<{ code: string; name: string; at: string } | null>(null);

  function adopt(value: StaffSession | StaffSessionWithCode | null): void {
    if (value && 'recoveryCode' in value) {
      showRecoveryCode(value.recoveryCode, value.staff.name);
      const { recoveryCode: _shown, ...plain } = value;
      value = plain;
    }
    if (!value) freshRecoveryCode.value = null;
    session.value = value;
    api.setToken(value?.token ?? null);
    if (value) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(value));
    else sessionStorage.removeItem(STORAGE_KEY);
  }

  /** Picks up a session from before a page reload, if the host still knows it. */
  async function restore(): Promise<void> {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (!raw) return;
    const saved = JSON.parse(raw) as StaffSession;
    api.setToken(saved.token);
    try {
      await api.call('staff.me');
      session.value = saved;
    } catch {
      adopt(null);
    }
  }

  async function login(staffId: number, pin: string): Promise<void> {
    adopt(await api.call('staff.login', { staffId, pin }));
  }

  async function setup(name: string, pin: string): Promise<void> {
    adopt(await api.call('staff.setup', { name, pin }));
  }

  /** After the manager reset the PIN: the person chooses a new one and is signed in. */
  async function choosePin(staffId: number, pin: string): Promise<void> {
    adopt(await api.call('staff.choosePin', { staffId, pin }));
  }

  /** Forgot the PIN or locked out: the recovery code sets a new PIN; the next code is shown once. */
  async function recover(staffId: number, code: string, pin: string): Promise<void> {
    adopt(await api.call('staff.recover', { staffId, code, pin }));
  }

  function showRecoveryCode(code: string, name = staff.value?.name ?? ''): void {
    freshRecoveryCode.value = { code, name, at: new Date().toISOString() };
  }

  function dismissRecoveryCode(): void {
    freshRecoveryCode.value = null;
  }

  async function logout(): Promise<void> {
    try {
      await api.call('staff.logout');
    } finally {
      adopt(null);
    }
  }

  return { session, staff, isAdmin, freshRecoveryCode, restore, login, setup, choosePin, recover, showRecoveryCode, dismissRecoveryCode, logout };
});
