import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { StaffAccount, StaffSession } from '../../db/api/contract/index.js';
import { useApi } from '../api/index.js';

const STORAGE_KEY = 'houniao.staffSession';

/** The signed-in staff member of this console. Kept for the browser tab only (sessionStorage). */
export const useStaffSessionStore = defineStore('staffSession', () => {
  const api = useApi();
  const session = ref<StaffSession | null>(null);
  const staff = computed<StaffAccount | null>(() => session.value?.staff ?? null);
  const isAdmin = computed(() => staff.value?.role === 'admin');

  function adopt(value: StaffSession | null): void {
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

  async function logout(): Promise<void> {
    try {
      await api.call('staff.logout');
    } finally {
      adopt(null);
    }
  }

  return { session, staff, isAdmin, restore, login, setup, logout };
});
