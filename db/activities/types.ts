/**
 * The activities domain's shared words (issue 18): activity types, eligibility rules as data, and
 * the views the screens get. Pure: the renderer may import the labels.
 */
export const activityTypes = ['party_day', 'course', 'culture_sports', 'volunteer', 'health_talk', 'health_check'] as const;
export type ActivityType = (typeof activityTypes)[number];

export const activityTypeLabels: Record<ActivityType, { zh: string; en: string }> = {
  party_day: { zh: '主题党日', en: 'Party day' },
  course: { zh: '公益课程', en: 'Free course' },
  culture_sports: { zh: '文体活动', en: 'Culture & sports' },
  volunteer: { zh: '志愿服务', en: 'Volunteering' },
  health_talk: { zh: '健康讲座/义诊', en: 'Health talk / free clinic' },
  health_check: { zh: '健康体检', en: 'Health check' },
};

/**
 * Who may sign up, as data: "65 岁以上免费健康体检" is `[{ kind: 'minAge', age: 65 }, { kind: 'oncePerSeason' }]`
 * on an activity of type health_check, not a special case in code.
 */
export type EligibilityRule =
  | { kind: 'minAge'; age: number }
  | { kind: 'partyMember' }
  | { kind: 'inTown' }
  /** At most one live sign-up per person for activities of this type in one season (reports.season). */
  | { kind: 'oncePerSeason' };

export function ruleLabel(rule: EligibilityRule): { zh: string; en: string } {
  switch (rule.kind) {
    case 'minAge':
      return { zh: `${rule.age} 岁及以上`, en: `Aged ${rule.age}+` };
    case 'partyMember':
      return { zh: '限流动党员', en: 'Party members only' };
    case 'inTown':
      return { zh: '限正在本地居住', en: 'Residents in town now' };
    case 'oncePerSeason':
      return { zh: '每季每人一次', en: 'Once per season' };
  }
}

/** Opening hours: weekday ('0' = Sunday … '6') → ranges of local 'HH:MM' (end may be '24:00'). */
export type RoomHours = Partial<Record<'0' | '1' | '2' | '3' | '4' | '5' | '6', Array<[string, string]>>>;

export const weekdayLabels = { zh: ['周日', '周一', '周二', '周三', '周四', '周五', '周六'], en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] };

export type GroupKind = 'club' | 'party' | 'outside';
export const groupKindLabels: Record<GroupKind, { zh: string; en: string }> = {
  club: { zh: '社团', en: 'Club' },
  party: { zh: '党支部', en: 'Party branch' },
  outside: { zh: '外部单位', en: 'Outside organisation' },
};

export interface Room {
  id: number;
  name: string;
  capacity: number;
  hours: RoomHours;
  types: ActivityType[];
  note: string;
  active: boolean;
  sort: number;
}

export interface RoomSlotView {
  id: number;
  roomId: number;
  roomName: string;
  startsAt: string;
  endsAt: string;
  kind: 'booking' | 'activity';
  activityId: number | null;
  /** What the slot is, as the board and a clash message name it: the activity's title or the group. */
  label: string;
  groupKind: GroupKind | null;
  groupName: string | null;
  purpose: string | null;
  activityType: ActivityType;
  people: number;
}

/** The busy/free board for one room today. */
export interface RoomBoardRow {
  roomId: number;
  name: string;
  capacity: number;
  /** Today's opening ranges, local 'HH:MM'. */
  open: Array<[string, string]>;
  openNow: boolean;
  busyNow: boolean;
  /** What is on now (label) when busy. */
  now: string | null;
  slots: Array<{ from: string; to: string; label: string }>;
}

export type SignupStatus = 'confirmed' | 'waitlisted' | 'cancelled';

/** An activity as a resident (kiosk) or anyone without a session sees it: no names, only counts. */
export interface ActivityCard {
  id: number;
  title: string;
  type: ActivityType;
  startsAt: string;
  endsAt: string;
  roomId: number | null;
  place: string;
  notes: string;
  capacity: number;
  confirmed: number;
  waitlisted: number;
  placesLeft: number;
  rules: EligibilityRule[];
  /** 'open': sign up now; 'notYet' / 'closed': outside the sign-up window; 'cancelled'. */
  signup: 'open' | 'notYet' | 'closed' | 'cancelled';
  signupOpensAt: string | null;
  signupClosesAt: string;
  volunteerMinutes: number | null;
}

export interface SignupOutcome {
  signupId: number;
  status: 'confirmed' | 'waitlisted';
  /** 1 = next in line; null when confirmed. */
  waitlistPlace: number | null;
}

/** A resident's own sign-up, as the kiosk shows it after a card scan. */
export interface MySignup {
  signupId: number;
  activity: ActivityCard;
  status: 'confirmed' | 'waitlisted';
  waitlistPlace: number | null;
}
