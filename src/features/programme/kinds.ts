// The kinds the programme knows: sessions, venues, offerings (PROG-5), club categories, fee bases
// and calendar exceptions. Re-exported by rules.ts.

export const sessionKinds = ['noon', 'afternoon', 'evening', 'weekend'] as const;
export type SessionKind = (typeof sessionKinds)[number];

export const venueKinds = [
  'classroom',
  'activity_room',
  'sports_ground',
  'reading_room',
  'nap_room',
  'canteen',
  'hall',
  'other',
] as const;
export type VenueKind = (typeof venueKinds)[number];

/** PROG-5: the content kinds the plans name. `nap` is the noon rest of 午托 (篇六). */
export const offeringKinds = [
  'homework_care',
  'reading',
  'club',
  'topic_education',
  'games_outdoor',
  'films',
  'practice',
  'nap',
] as const;
export type OfferingKind = (typeof offeringKinds)[number];

/**
 * PROG-5: kinds a client might send that are subject teaching (严禁集体补课). The contract accepts
 * them so that the refusal names the rule instead of a bare "not an allowed value".
 */
export const forbiddenOfferingKinds = [
  'subject_teaching',
  'remedial',
  'tutoring',
  'lesson',
  'exam_prep',
  'new_lesson_preview',
] as const;

export const clubCategories = ['art', 'language', 'sport', 'science', 'other'] as const;
export type ClubCategory = (typeof clubCategories)[number];

export const feeBases = ['month', 'class_hour'] as const;
export type FeeBasis = (typeof feeBases)[number];

export const termDayKinds = ['holiday', 'makeup'] as const;
export type TermDayKind = (typeof termDayKinds)[number];
