import type { ResidentProfile } from '../../../../db/api/contract/residents.js';
import type { ResidentFieldsInput } from '../../../../db/residents/schema.js';

/** The staff profile form's model: strings for inputs, converted at the edges. */
export interface FormModel {
  name: string;
  phone: string;
  idNumber: string;
  birthYear: string;
  sex: '' | 'M' | 'F';
  originProvince: string;
  originCity: string;
  lodgingKind: ResidentFieldsInput['lodgingKind'];
  lodgingId: number | null;
  lodgingAddress: string;
  emergencyName: string;
  emergencyPhone: string;
  needs: string[];
  needsNote: string;
  partyMember: boolean;
  partyBranch: string;
  interests: string[];
}

export function emptyForm(): FormModel {
  return {
    name: '',
    phone: '',
    idNumber: '',
    birthYear: '',
    sex: '',
    originProvince: '',
    originCity: '',
    lodgingKind: 'other',
    lodgingId: null,
    lodgingAddress: '',
    emergencyName: '',
    emergencyPhone: '',
    needs: [],
    needsNote: '',
    partyMember: false,
    partyBranch: '',
    interests: [],
  };
}

/** An existing profile in the form; the ID number stays empty (write-only). */
export function formFromProfile(p: ResidentProfile): FormModel {
  return {
    name: p.name ?? '',
    phone: p.phone ?? '',
    idNumber: '',
    birthYear: p.birthYear ? String(p.birthYear) : '',
    sex: p.sex ?? '',
    originProvince: p.originProvince ?? '',
    originCity: p.originCity ?? '',
    lodgingKind: p.lodgingKind ?? 'other',
    lodgingId: p.lodgingId,
    lodgingAddress: p.lodgingAddress ?? '',
    emergencyName: p.emergencyName ?? '',
    emergencyPhone: p.emergencyPhone ?? '',
    needs: [...p.needs],
    needsNote: p.needsNote ?? '',
    partyMember: p.partyMember,
    partyBranch: p.partyBranch ?? '',
    interests: [...p.interests],
  };
}

export function toResidentInput(m: FormModel): ResidentFieldsInput {
  return {
    name: m.name,
    phone: m.phone,
    idNumber: m.idNumber || null,
    birthYear: m.birthYear ? Number(m.birthYear) : null,
    sex: m.sex || null,
    originProvince: m.originProvince,
    originCity: m.originCity,
    lodgingKind: m.lodgingKind,
    lodgingId: m.lodgingKind === 'hotel' ? m.lodgingId : null,
    lodgingAddress: m.lodgingKind === 'hotel' ? null : m.lodgingAddress || null,
    emergencyName: m.emergencyName || null,
    emergencyPhone: m.emergencyPhone || null,
    // Copies: the form's arrays are reactive proxies, which cannot cross IPC (structured clone).
    needs: [...m.needs] as ResidentFieldsInput['needs'],
    needsNote: m.needsNote || null,
    partyMember: m.partyMember,
    partyBranch: m.partyMember ? m.partyBranch || null : null,
    interests: [...m.interests] as ResidentFieldsInput['interests'],
  };
}
