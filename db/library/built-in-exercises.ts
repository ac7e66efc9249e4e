import type { MuscleGroup } from "../../lib/clinical/mas";

export type ExerciseKind = "stretch" | "strength" | "movement";

/**
 * One exercise of the built-in library (product content, shown to patients).
 *
 * `muscleGroups` names the MAS muscle group codes the exercise is chosen for. For a stretch that is
 * the muscle being stretched. For strength and movement it is the group worked when it has a code;
 * when the muscle worked has none (hip abductors, ankle dorsiflexors), it is the tight group the
 * exercise balances (inner thigh, calf), so a therapist finds it under the patient's affected key.
 *
 * Dosage follows CLINICAL.md §3: stretches 30 s (10–120 s) × 3, 1–5 sessions a day; strength as
 * sets × repetitions on some days a week; movement little and often. Never suggest heat.
 */
export interface BuiltInExercise {
  /** Stable kebab-case key, e.g. "calf-stretch-standing". */
  slug: string;
  /** Short, plain name. */
  name: string;
  kind: ExerciseKind;
  /** The target muscle group codes (at least one). */
  muscleGroups: MuscleGroup[];
  /** One plain sentence: what it does and who it is for. */
  summary: string;
  /** 3–7 short steps, second person. */
  steps: string[];
  /** 1–4 safety cues. */
  safety: string[];
  /** Stretches: seconds per hold (10–120). Strength and movement: null. */
  holdSeconds: number | null;
  repetitions: number;
  /** Strength: sets. Others: null. */
  sets: number | null;
  sessionsPerDay: number;
  daysPerWeek: number;
}

type Text = Pick<
  BuiltInExercise,
  "slug" | "name" | "muscleGroups" | "summary" | "steps" | "safety"
>;
type Dosage = Partial<
  Pick<BuiltInExercise, "holdSeconds" | "repetitions" | "sets" | "sessionsPerDay" | "daysPerWeek">
>;

/** Stretch: 30 s hold, 3 repetitions, twice a day, every day. */
function stretch(text: Text, dosage: Dosage = {}): BuiltInExercise {
  return {
    ...text,
    kind: "stretch",
    holdSeconds: dosage.holdSeconds ?? 30,
    repetitions: dosage.repetitions ?? 3,
    sets: null,
    sessionsPerDay: dosage.sessionsPerDay ?? 2,
    daysPerWeek: dosage.daysPerWeek ?? 7,
  };
}

/** Strength: 2 sets of 10, once a day, 3 days a week. */
function strength(text: Text, dosage: Dosage = {}): BuiltInExercise {
  return {
    ...text,
    kind: "strength",
    holdSeconds: null,
    repetitions: dosage.repetitions ?? 10,
    sets: dosage.sets ?? 2,
    sessionsPerDay: dosage.sessionsPerDay ?? 1,
    daysPerWeek: dosage.daysPerWeek ?? 3,
  };
}

/** Movement: little and often, every day. */
function movement(
  text: Text,
  dosage: Required<Pick<Dosage, "repetitions" | "sessionsPerDay">>,
): BuiltInExercise {
  return {
    ...text,
    kind: "movement",
    holdSeconds: null,
    repetitions: dosage.repetitions,
    sets: null,
    sessionsPerDay: dosage.sessionsPerDay,
    daysPerWeek: 7,
  };
}

// Cues shared by many exercises.
const NO_BOUNCE = "Move into the stretch slowly and hold it still. Do not bounce.";
const STOP = "Stop if you feel sharp pain, new numbness or tingling, or strong spasms.";
const FATIGUE = "Tired from MS? Rest between repetitions. Doing it once a day still helps.";
const BREATHE = "Breathe slowly the whole time. Do not hold your breath.";
const KEEP_COOL =
  "Stay cool. Many people with MS feel worse when hot, so do not warm up with heat first.";

export const BUILT_IN_EXERCISES: BuiltInExercise[] = [
  // ── Stretches: lower limb ─────────────────────────────────────────────────────────────────
  stretch({
    slug: "calf-stretch-standing",
    name: "Calf stretch, standing at a wall",
    muscleGroups: ["ankle_plantarflexors"],
    summary:
      "Stretches the calf at the back of the lower leg, for people who can stand with support.",
    steps: [
      "Stand facing a wall and put both hands flat on it at shoulder height.",
      "Step the leg you want to stretch back by one big step.",
      "Keep that heel flat on the floor and that knee straight.",
      "Bend your front knee and lean gently toward the wall until you feel a pull in the back calf.",
      "Hold still for the time set, then step back in and relax.",
    ],
    safety: [
      "Keep both hands on the wall, or hold a counter, so you stay steady.",
      NO_BOUNCE,
      STOP,
      FATIGUE,
    ],
  }),
  stretch({
    slug: "calf-stretch-seated-towel",
    name: "Calf stretch, sitting with a towel",
    muscleGroups: ["ankle_plantarflexors"],
    summary: "Stretches the calf while you sit, so you do not need to stand or balance.",
    steps: [
      "Sit on a bed with your back supported and one leg straight out in front.",
      "Loop a towel or strap around the ball of that foot and hold both ends.",
      "Keep the knee as straight as is comfortable.",
      "Pull the towel gently so your toes come back toward you.",
      "Hold when you feel a stretch in your calf, then let the foot relax.",
      "If your calf is very tight, a helper can hold the foot for a longer, gentle stretch.",
    ],
    safety: [
      "Sit with your back against a headboard or wall if you feel wobbly.",
      NO_BOUNCE,
      STOP,
      FATIGUE,
    ],
  }),
  stretch({
    slug: "hamstring-stretch-seated",
    name: "Hamstring stretch, sitting on a chair",
    muscleGroups: ["knee_flexors"],
    summary:
      "Stretches the muscles at the back of the thigh (hamstrings) while you sit on a firm chair.",
    steps: [
      "Sit near the front edge of a firm chair.",
      "Straighten one leg out in front, heel on the floor and toes pointing up.",
      "Keep the other foot flat on the floor.",
      "Sit up tall and lean forward slowly from your hips, keeping your back straight.",
      "Hold when you feel a gentle pull behind the thigh.",
      "Sit back up slowly, then switch legs if both need it.",
    ],
    safety: [
      "Use a chair without wheels, pushed against a wall so it cannot slide.",
      NO_BOUNCE,
      STOP,
      FATIGUE,
    ],
  }),
  stretch({
    slug: "hamstring-stretch-lying-strap",
    name: "Hamstring stretch, lying down with a strap",
    muscleGroups: ["knee_flexors"],
    summary:
      "A supported stretch for the back of the thigh, done lying on your back, good for long holds.",
    steps: [
      "Lie on your back on a bed or mat with both legs straight.",
      "Loop a strap, belt or towel around the sole of one foot.",
      "Keep that knee straight and slowly raise the leg by pulling on the strap.",
      "Hold when you feel a gentle pull behind the thigh.",
      "Keep the other leg flat, or bend it if your lower back feels strained.",
      "Lower the leg slowly, still holding the strap.",
      "Tight muscles do well with longer, gentle holds, and a helper can hold the leg for you.",
    ],
    safety: [NO_BOUNCE, BREATHE, STOP, FATIGUE],
  }),
  stretch({
    slug: "hip-flexor-stretch-half-kneeling",
    name: "Hip flexor stretch, kneeling on one knee",
    muscleGroups: ["hip_flexors"],
    summary: "Stretches the front of the hip (hip flexors) for people who can kneel safely.",
    steps: [
      "Kneel on a cushion next to a sturdy chair or sofa that you can hold.",
      "Put one foot flat on the floor in front of you, with that knee bent.",
      "Keep the other knee on the cushion behind you.",
      "Tuck your bottom under and lift your chest tall.",
      "Shift your weight forward gently until you feel a stretch at the front of the back hip.",
      "Hold, then shift back and rest.",
    ],
    safety: [
      "Hold a sturdy chair or sofa the whole time for balance.",
      "If kneeling hurts, skip this one and use the bed-edge version instead.",
      NO_BOUNCE,
      STOP,
    ],
  }),
  stretch({
    slug: "hip-flexor-stretch-bed-edge",
    name: "Hip flexor stretch, lying at the edge of the bed",
    muscleGroups: ["hip_flexors"],
    summary: "Stretches the front of the hip while lying down, with no kneeling or balancing.",
    steps: [
      "Lie on your back on a firm bed, close to one side.",
      "Bend the knee nearer the middle of the bed and hold it toward your chest.",
      "Let the other leg slide over the edge and hang down toward the floor.",
      "Relax and let the weight of the hanging leg stretch the front of the hip.",
      "Hold, then lift the hanging leg back onto the bed, with help if you need it.",
      "For a longer, gentle stretch, a helper can rest a hand on the thigh to keep it down.",
    ],
    safety: [
      "Have someone nearby the first few times, in case you need help to lift the leg back.",
      "Lie far enough onto the bed that you cannot roll off.",
      NO_BOUNCE,
      STOP,
    ],
  }),
  stretch({
    slug: "inner-thigh-stretch-butterfly",
    name: "Inner thigh stretch, sitting with the soles together",
    muscleGroups: ["hip_adductors"],
    summary:
      "Stretches the inner thigh muscles (adductors), the ones that pull your knees together.",
    steps: [
      "Sit on a bed or the floor with your back against a wall or headboard.",
      "Bend your knees and press the soles of your feet together.",
      "Let your knees fall out to the sides.",
      "Press your knees down gently with your hands until you feel a stretch in the inner thighs.",
      "Hold still, then let your knees come back up.",
    ],
    safety: [
      "Put pillows under your knees if they stay high. Never force them down.",
      NO_BOUNCE,
      STOP,
      FATIGUE,
    ],
  }),
  stretch({
    slug: "inner-thigh-stretch-lying-legs-apart",
    name: "Inner thigh stretch, lying with legs apart",
    muscleGroups: ["hip_adductors"],
    summary:
      "A gentle inner thigh stretch lying on your back, for when sitting on the floor is hard.",
    steps: [
      "Lie on your back on a bed or mat with your legs straight.",
      "Slide your legs apart, out to the sides, as far as is comfortable.",
      "Keep your toes and kneecaps pointing up at the ceiling.",
      "Hold when you feel a gentle stretch along the inner thighs.",
      "Slide your legs slowly back together.",
      "A helper can ease the legs apart and hold them there for a longer, gentle stretch.",
    ],
    safety: [NO_BOUNCE, BREATHE, STOP, FATIGUE],
  }),
  stretch({
    slug: "quadriceps-stretch-side-lying",
    name: "Front of thigh stretch, lying on your side",
    muscleGroups: ["knee_extensors"],
    summary:
      "Stretches the muscles at the front of the thigh (quadriceps) without having to stand.",
    steps: [
      "Lie on your side with the leg you want to stretch on top.",
      "Bend your bottom knee a little to keep you steady.",
      "Bend your top knee and bring the heel back toward your bottom.",
      "Hold that ankle, or loop a strap around it, and pull gently.",
      "Keep your knees level and your back straight, not arched.",
      "Hold when you feel a stretch at the front of the thigh, then let go slowly.",
    ],
    safety: [
      "Use a strap if you cannot reach your ankle. Do not twist to grab it.",
      NO_BOUNCE,
      STOP,
      FATIGUE,
    ],
  }),
  stretch({
    slug: "knee-to-chest-stretch",
    name: "Knee to chest stretch, lying down",
    muscleGroups: ["hip_extensors"],
    summary: "Stretches the buttock and the back of the hip (hip extensors) while you lie down.",
    steps: [
      "Lie on your back on a bed or mat.",
      "Bend one knee and hold it with both hands behind the thigh.",
      "Pull the knee gently toward your chest.",
      "Keep the other leg flat, or bent with the foot down if that is easier.",
      "Hold when you feel a stretch in the buttock, then lower the leg slowly.",
    ],
    safety: [
      "Hold behind the thigh, not on top of the knee, to protect the knee.",
      NO_BOUNCE,
      STOP,
      FATIGUE,
    ],
  }),

  // ── Stretches: upper limb ─────────────────────────────────────────────────────────────────
  stretch({
    slug: "elbow-stretch-straight-arm",
    name: "Elbow stretch, straightening the arm",
    muscleGroups: ["elbow_flexors"],
    summary: "Stretches the muscles at the front of the upper arm, the ones that bend the elbow.",
    steps: [
      "Sit at a table, or lie on your back on a bed.",
      "Rest the arm on the table or bed beside you, palm facing up.",
      "Straighten the elbow slowly, as far as it goes without pain.",
      "Use your other hand to press the forearm down gently.",
      "Hold when you feel a stretch at the front of the elbow and upper arm.",
      "For a longer, gentle stretch, a helper can hold the arm straight for you.",
    ],
    safety: [NO_BOUNCE, STOP, FATIGUE],
  }),
  stretch({
    slug: "wrist-finger-stretch-table",
    name: "Wrist and finger stretch, hand flat on a table",
    muscleGroups: ["wrist_flexors", "finger_flexors"],
    summary: "Stretches the muscles that bend the wrist and curl the fingers into a fist.",
    steps: [
      "Stand or sit at a steady table.",
      "Put your palm flat on the table with the fingers pointing away from you.",
      "Use your other hand to keep the fingers flat if they curl up.",
      "Keep your elbow straight.",
      "Lean forward slowly until you feel a stretch in the palm and forearm.",
      "Hold, then lean back and let the hand relax.",
    ],
    safety: [
      "Lean gently. Do not put your full weight through the hand.",
      NO_BOUNCE,
      STOP,
      FATIGUE,
    ],
  }),
  stretch({
    slug: "finger-stretch-open-hand",
    name: "Finger stretch, opening the hand",
    muscleGroups: ["finger_flexors", "wrist_flexors"],
    summary:
      "Opens a tight, curled hand with help from your other hand, done sitting with the arm supported.",
    steps: [
      "Sit with your forearm resting on a table or pillow, palm up.",
      "With your other hand, slowly straighten the fingers and thumb.",
      "If it is comfortable, tip the wrist back a little as well.",
      "Hold when you feel a stretch in the palm and fingers.",
      "Let the hand relax, then repeat.",
      "If the hand is very tight, a helper can open it gently and hold it for longer.",
    ],
    safety: [
      "Open the fingers slowly. A quick pull can set off a spasm.",
      NO_BOUNCE,
      STOP,
      FATIGUE,
    ],
  }),
  stretch({
    slug: "shoulder-stretch-arm-out",
    name: "Shoulder stretch, lying with the arm out to the side",
    muscleGroups: ["shoulder_adductors"],
    summary: "Stretches the chest and shoulder muscles that pull the arm in against the body.",
    steps: [
      "Lie on your back on a bed with a pillow under your head.",
      "Move one arm out to the side, away from your body, with the palm up.",
      "Slide the arm slowly up toward shoulder height, as far as is comfortable.",
      "Let the arm rest on the bed or a pillow and relax.",
      "Hold when you feel a stretch across the front of the chest and shoulder.",
      "Bring the arm back to your side slowly.",
    ],
    safety: [
      "Stop at the first pinch in the shoulder. Never force the arm up.",
      NO_BOUNCE,
      STOP,
      FATIGUE,
    ],
  }),
  stretch({
    slug: "forearm-stretch-palm-up",
    name: "Forearm stretch, turning the palm up",
    muscleGroups: ["forearm_pronators"],
    summary: "Stretches the forearm muscles that turn the palm to face down (pronators).",
    steps: [
      "Sit with your elbow bent at your side and the forearm resting on a table or pillow.",
      "Start with your palm facing down.",
      "Turn the forearm slowly so the palm faces up.",
      "Use your other hand to turn it a little further, gently, until you feel a stretch.",
      "Hold, then turn back and relax.",
    ],
    safety: [
      "Keep your elbow tucked in at your side so the turn comes from the forearm.",
      NO_BOUNCE,
      STOP,
      FATIGUE,
    ],
  }),

  // ── Strength ──────────────────────────────────────────────────────────────────────────────
  strength({
    slug: "sit-to-stand",
    name: "Sit to stand from a chair",
    muscleGroups: ["knee_extensors", "hip_extensors"],
    summary: "Builds leg strength for getting up, walking and staying steady on your feet.",
    steps: [
      "Sit near the front of a firm chair with arms, feet flat and apart.",
      "Lean forward so your nose comes over your toes.",
      "Push through your feet, using the chair arms if you need to, and stand up tall.",
      "Pause for a moment until you feel steady.",
      "Reach back for the chair and sit down slowly, with control.",
    ],
    safety: [
      "Use a sturdy chair against a wall, with a counter or your walker in front of you.",
      "Do not drop into the chair. Lower yourself slowly.",
      STOP,
      FATIGUE,
    ],
  }),
  strength({
    slug: "bridging",
    name: "Bridge, lying on your back",
    muscleGroups: ["hip_extensors"],
    summary: "Strengthens the buttocks and the back of the hips, which help you stand and walk.",
    steps: [
      "Lie on your back with both knees bent and feet flat, hip-width apart.",
      "Rest your arms on the bed by your sides.",
      "Squeeze your buttocks and lift your hips off the bed.",
      "Lift only until your body makes a straight line from shoulders to knees.",
      "Hold for a slow count of three, then lower down slowly.",
    ],
    safety: ["Do this on a firm bed or a mat on the floor.", BREATHE, STOP, FATIGUE],
  }),
  strength({
    slug: "heel-raises-at-counter",
    name: "Heel raises, holding a counter",
    muscleGroups: ["ankle_plantarflexors"],
    summary: "Strengthens the calves so you can push off better when you walk.",
    steps: [
      "Stand facing a kitchen counter with both hands on it.",
      "Place your feet hip-width apart.",
      "Rise up slowly onto your toes.",
      "Pause at the top.",
      "Lower your heels slowly back to the floor.",
    ],
    safety: [
      "Hold the counter with both hands the whole time.",
      "If your ankle starts to shake or jerk, come down, rest, then start again.",
      STOP,
      FATIGUE,
    ],
  }),
  strength({
    slug: "seated-knee-extension",
    name: "Knee straightening with a hold, sitting",
    muscleGroups: ["knee_extensors"],
    summary: "Strengthens the front of the thigh for standing up and climbing steps.",
    steps: [
      "Sit up tall in a firm chair with both feet on the floor.",
      "Straighten one knee slowly until the leg sticks out in front of you.",
      "Tighten the thigh and hold for a slow count of three.",
      "Lower the foot slowly back to the floor.",
      "Do all the repetitions, then switch legs.",
      "Your therapist may add a light ankle weight to make it harder.",
    ],
    safety: ["Move slowly. Do not swing or kick the leg.", BREATHE, STOP, FATIGUE],
  }),
  strength({
    slug: "side-lying-hip-abduction",
    name: "Leg lift, lying on your side",
    // Works the outer hip (abductors, no MAS code); balances tight inner thigh muscles.
    muscleGroups: ["hip_adductors"],
    summary:
      "Strengthens the outside of the hip, which keeps you steady when you walk and balances a tight inner thigh.",
    steps: [
      "Lie on your side with your bottom knee bent to keep you steady.",
      "Keep your top leg straight, in line with your body.",
      "Lift the top leg slowly toward the ceiling, heel first.",
      "Lift only as high as you can without rolling backward.",
      "Lower the leg slowly and with control.",
    ],
    safety: ["Keep one hip stacked on top of the other. Do not roll back.", BREATHE, STOP, FATIGUE],
  }),
  strength({
    slug: "wall-push-up",
    name: "Push-up against a wall",
    muscleGroups: ["elbow_extensors"],
    summary: "Strengthens the arms and shoulders for pushing up from a chair or out of bed.",
    steps: [
      "Stand facing a wall, a little more than an arm's length away.",
      "Put your hands flat on the wall at shoulder height and shoulder-width apart.",
      "Bend your elbows and lower your body slowly toward the wall.",
      "Keep your body straight, like a plank.",
      "Push back until your arms are straight again.",
    ],
    safety: [
      "Stand closer to the wall to make it easier and steadier.",
      "Wear shoes that grip so your feet do not slide.",
      STOP,
      FATIGUE,
    ],
  }),
  strength({
    slug: "ankle-dorsiflexion-band",
    name: "Ankle lift against a resistance band",
    // Works the shin muscles that lift the foot (dorsiflexors, no MAS code); balances a tight calf.
    muscleGroups: ["ankle_plantarflexors"],
    summary:
      "Strengthens the shin muscles that lift your foot, to help stop your toes catching when you walk.",
    steps: [
      "Sit with your leg straight out in front of you on a bed or the floor.",
      "Tie a resistance band to a heavy table leg, or ask a helper to hold it.",
      "Loop the other end over the top of your foot.",
      "Pull your toes back toward you against the band.",
      "Hold for a moment, then let the foot go back slowly.",
    ],
    safety: [
      "Check the band for tears and tie it firmly so it cannot spring loose.",
      BREATHE,
      STOP,
      FATIGUE,
    ],
  }),
  strength({
    slug: "step-ups-with-rail",
    name: "Step-ups, holding a rail",
    muscleGroups: ["knee_extensors", "hip_extensors"],
    summary: "Strengthens the legs for stairs and kerbs.",
    steps: [
      "Stand at the bottom of the stairs and hold the rail firmly.",
      "Step up onto the bottom step with one foot.",
      "Bring the other foot up to join it.",
      "Step down slowly with the first foot, then the other.",
      "Do all the repetitions leading with one leg, then switch.",
    ],
    safety: [
      "Always hold the rail, and use only the bottom step.",
      "Have someone nearby the first few times.",
      STOP,
      FATIGUE,
    ],
  }),
  strength({
    slug: "mini-squats-at-counter",
    name: "Mini squats, holding a counter",
    muscleGroups: ["knee_extensors", "hip_extensors"],
    summary: "Strengthens the thighs and buttocks for standing, sitting down and walking.",
    steps: [
      "Stand facing a counter with both hands on it and your feet hip-width apart.",
      "Bend your knees a little, as if you were starting to sit down.",
      "Keep your heels on the floor and your knees in line with your toes.",
      "Go down only a short way, then stand tall again.",
    ],
    safety: [
      "Hold the counter with both hands the whole time.",
      "Go less deep if your knees ache.",
      STOP,
      FATIGUE,
    ],
  }),

  // ── Movement snacks ───────────────────────────────────────────────────────────────────────
  movement(
    {
      slug: "ankle-pumps",
      name: "Ankle pumps",
      muscleGroups: ["ankle_plantarflexors"],
      summary:
        "Keeps stiff ankles and calves moving, and can be done sitting or lying down at any time.",
      steps: [
        "Sit or lie with your legs out in front of you.",
        "Pull your toes up toward you.",
        "Then point your toes away from you.",
        "Keep going at a steady pace, like pressing a pedal.",
        "Move both feet together, or one at a time.",
      ],
      safety: [
        "If your ankle starts to shake, stop and rest the foot flat until it settles.",
        STOP,
      ],
    },
    { repetitions: 20, sessionsPerDay: 5 },
  ),
  movement(
    {
      slug: "marching-in-place",
      name: "Marching on the spot",
      muscleGroups: ["hip_flexors"],
      summary:
        "Lifts your knees in turn to loosen the hips and get you moving, sitting or standing.",
      steps: [
        "Sit up tall in a firm chair, or stand holding a counter.",
        "Lift one knee up, then put the foot down.",
        "Lift the other knee up, then put that foot down.",
        "Keep a steady rhythm, like slow marching.",
        "Count each lift as one.",
      ],
      safety: [
        "If you stand, hold a counter or the back of a steady chair the whole time.",
        KEEP_COOL,
        STOP,
        FATIGUE,
      ],
    },
    { repetitions: 20, sessionsPerDay: 3 },
  ),
  movement(
    {
      slug: "stand-up-sit-down-hourly",
      name: "Stand up and sit down, every hour",
      muscleGroups: ["hip_flexors", "knee_extensors"],
      summary:
        "Breaks up long spells of sitting: stand up and sit down a few times, once an hour if you can.",
      steps: [
        "Set a timer, or use the TV adverts, to remind you once an hour.",
        "Shuffle to the front of your chair with your feet flat.",
        "Stand up, using the chair arms if you need to.",
        "Stand tall for a few breaths.",
        "Sit back down slowly.",
        "Do this a few times, then carry on with your day.",
      ],
      safety: [
        "Keep your walking aid within reach before you stand up.",
        "Sit back down if you feel dizzy or unsteady.",
        STOP,
      ],
    },
    { repetitions: 3, sessionsPerDay: 5 },
  ),
  movement(
    {
      slug: "short-walk",
      name: "Short walk",
      muscleGroups: ["hip_flexors", "knee_flexors", "ankle_plantarflexors"],
      summary: "An easy walk of about five minutes to loosen stiff legs during the day.",
      steps: [
        "Choose a safe, flat route, indoors or outside.",
        "Use your usual walking aid.",
        "Walk at an easy pace for about five minutes.",
        "Stop and rest whenever you need to.",
        "Sit down and rest when you get back.",
      ],
      safety: [
        "Walk when it is cool, and avoid the hottest part of the day.",
        "Take your phone if you go out alone.",
        STOP,
        FATIGUE,
      ],
    },
    { repetitions: 1, sessionsPerDay: 3 },
  ),
  movement(
    {
      slug: "seated-leg-extensions",
      name: "Easy leg straightening, sitting",
      muscleGroups: ["knee_extensors"],
      summary:
        "Straightens each knee in turn to keep your legs moving when you sit for a long time.",
      steps: [
        "Sit up in your chair with both feet on the floor.",
        "Straighten one leg out in front of you.",
        "Lower it back down.",
        "Now do the same with the other leg.",
        "Keep a relaxed, steady pace and count each leg as one.",
      ],
      safety: ["Keep the movement smooth. Do not kick.", STOP],
    },
    { repetitions: 10, sessionsPerDay: 5 },
  ),
];
