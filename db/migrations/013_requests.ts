/**
 * Schema 13: 接诉即办 (issue 17) — configurable categories, outside handlers with no login, the
 * requests themselves and one event row for every change of state (the statistics read the events).
 * Every time is ISO UTC text; a request's clock is `clock_start` + `due_hours` + the paused time.
 */
export default /* sql */ `
CREATE TABLE request_categories (
  id             INTEGER PRIMARY KEY,
  name           TEXT NOT NULL UNIQUE,
  name_en        TEXT NOT NULL DEFAULT '',
  -- A key of the kiosk's line icons (renderer/screens/kiosk/requests/RequestIcon.vue).
  icon           TEXT NOT NULL DEFAULT 'other',
  -- JSON array of quick phrases offered at the kiosk for this category.
  phrases        TEXT NOT NULL DEFAULT '[]',
  deadline_hours INTEGER NOT NULL DEFAULT 48 CHECK (deadline_hours BETWEEN 1 AND 720),
  active         INTEGER NOT NULL DEFAULT 1,
  sort           INTEGER NOT NULL DEFAULT 0
);

INSERT INTO request_categories (name, name_en, icon, phrases, deadline_hours, sort) VALUES
  ('短期停车', 'Short-term parking', 'parking', '["需要临时停车位","车辆被堵","停车收费咨询","访客停车"]', 48, 10),
  ('临时保洁', 'Cleaning', 'cleaning', '["楼道有垃圾","公共区域需要打扫","垃圾没有清运","有异味"]', 48, 20),
  ('用餐', 'Meals', 'meal', '["想订老年餐","送餐上门","饭菜意见","特殊饮食需要"]', 48, 30),
  ('看病就医', 'Seeing a doctor', 'doctor', '["想找附近医院","需要陪诊","异地医保报销咨询","买药不方便"]', 48, 40),
  ('房屋设施（水电燃气照明消防）', 'Housing (water, power, gas, lights, fire safety)', 'house', '["停水","停电","燃气有异味","楼道灯不亮","消防通道堵塞","水管漏水"]', 48, 50),
  ('交通出行', 'Getting around', 'transport', '["公交线路咨询","想叫出租车","道路不好走","需要接送"]', 48, 60),
  ('邻里纠纷', 'Neighbours', 'neighbours', '["噪音扰民","宠物扰民","占用公共空间","需要调解"]', 48, 70),
  ('其他', 'Other', 'other', '["想咨询一件事","有建议","需要帮助"]', 48, 80);

-- 网格员, 民情信息员, 物业, 商户, 部门: people who take a case on paper (派单单) and never sign in.
CREATE TABLE request_handlers (
  id         INTEGER PRIMARY KEY,
  kind       TEXT NOT NULL CHECK (kind IN ('grid', 'informant', 'property', 'merchant', 'department')),
  name       TEXT NOT NULL,
  phone      TEXT,
  active     INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  UNIQUE (kind, name)
);

-- The last number given out per local day: J-YYYYMMDD-NNN.
CREATE TABLE request_day_numbers (
  day         TEXT PRIMARY KEY,
  last_number INTEGER NOT NULL
);

CREATE TABLE requests (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  number           TEXT NOT NULL UNIQUE,
  -- The receipt's QR holds this random token, never the number (numbers are easy to guess).
  token            TEXT NOT NULL UNIQUE,
  -- The 派单单's QR for an outside handler bringing the case back to the desk.
  dispatch_token   TEXT UNIQUE,
  resident_id      INTEGER REFERENCES residents(id),
  category_id      INTEGER NOT NULL REFERENCES request_categories(id),
  -- Personal data: NULL once the resident is erased (erased_at set).
  description      TEXT,
  callback_phone   TEXT,
  level            TEXT CHECK (level IN ('green', 'yellow', 'red')),
  state            TEXT NOT NULL CHECK (state IN ('new', 'triaged', 'assigned', 'paused_resident', 'paused_external', 'resolved', 'revisit', 'closed')),
  -- The state a paused case returns to.
  paused_from      TEXT,
  handler_staff_id INTEGER REFERENCES staff(id),
  handler_id       INTEGER REFERENCES request_handlers(id),
  source           TEXT NOT NULL CHECK (source IN ('kiosk', 'desk')),
  submitted_at     TEXT NOT NULL,
  -- The running clock: started at submission (or at the 回访), due after due_hours plus paused time.
  clock_start      TEXT NOT NULL,
  due_hours        INTEGER NOT NULL,
  paused_ms        INTEGER NOT NULL DEFAULT 0,
  paused_at        TEXT,
  deadline_at      TEXT NOT NULL,
  -- The published answer the resident sees at the kiosk.
  answer           TEXT,
  result_at        TEXT,
  rating           INTEGER CHECK (rating BETWEEN 1 AND 5),
  rating_reason    TEXT,
  rated_at         TEXT,
  closed_at        TEXT,
  close_reason     TEXT CHECK (close_reason IN ('rated', 'unrated', 'desk', 'revisited')),
  erased_at        TEXT,
  updated_at       TEXT NOT NULL
);
CREATE INDEX requests_inbox ON requests(state, id);
CREATE INDEX requests_resident ON requests(resident_id);
CREATE INDEX requests_submitted ON requests(submitted_at);

-- One row for every change: what happened, the state after it, and the category and level as they
-- stood then, so a period's figures are read from here.
CREATE TABLE request_events (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  request_id  INTEGER NOT NULL REFERENCES requests(id),
  at          TEXT NOT NULL,
  kind        TEXT NOT NULL,
  state       TEXT NOT NULL,
  category_id INTEGER NOT NULL,
  level       TEXT,
  staff_id    INTEGER REFERENCES staff(id),
  handler_id  INTEGER REFERENCES request_handlers(id),
  -- JSON: note, reason, answer, rating, deadline — free text here is erased with the resident.
  detail      TEXT
);
CREATE INDEX request_events_request ON request_events(request_id, id);
CREATE INDEX request_events_at ON request_events(at);
CREATE INDEX request_events_kind_at ON request_events(kind, at);
`;
