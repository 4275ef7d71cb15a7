/**
 * The procedure-status pass, sentence in, status out. Each row is a short note (a title line may set the kind
 * of document), the words of the operation mention, and the status it must get; the cue that decided it is
 * checked where the row names one. Written for these tests, not taken from corpus/status.
 */
import { describe, expect, it } from "vitest";
import { check } from "../../src/index.js";
import type { ProcedureStatus } from "../../src/domain.js";

function statusOf(note: string, target: string): { status: ProcedureStatus | "finding" | "none"; cue: string | null } {
  const start = note.indexOf(target);
  if (start < 0) throw new Error(`target "${target}" not in note`);
  const end = start + target.length;
  const r = check(note);
  const over = r.mentions.filter((m) => m.start < end && m.end > start && (m.type === "fusion" || m.type === "surgery"));
  const op = over.find((m) => m.procedure);
  if (op) return { status: op.procedure!.status, cue: op.procedure!.cue?.text ?? null };
  return { status: over.length ? "finding" : "none", cue: null };
}

type Row = [note: string, target: string, status: ProcedureStatus | "finding", cue?: string];

const ROWS: Record<string, Row[]> = {
  performed: [
    // Reported speech about her own fusion stays a fact; a question about her own fusion is no talk of an operation.
    ["We explained that the C1-C2 fusion has healed solidly.", "fusion", "finding"],
    ["He asked about his C1-C2 fusion seen on the CT.", "fusion", "finding"],
    ["S/p posterior C1-C2 fusion (2016), stable.", "C1-C2 fusion", "performed", "S/p"],
    ["She had an occiput to C2 fusion at age 40.", "fusion", "performed"],
    ["Prior O-C2 arthrodesis; hardware intact on today's film.", "arthrodesis", "performed", "Prior"],
    ["He underwent transarticular screw fixation of C1-C2 in Denver.", "fixation", "performed", "He underwent"],
    ["History of atlantoaxial arthrodesis for os odontoideum.", "arthrodesis", "performed", "History of"],
    ["PAST SURGICAL HISTORY: C1-C2 fusion; appendectomy.", "C1-C2 fusion", "performed"],
    ["Recovering from his C1-C2 fusion, wound healing well.", "fusion", "performed"],
    ["We talked about the fusion she had in 2012 and her current pain.", "fusion", "performed"],
  ],
  performed_here: [
    ["OPERATIVE REPORT\nSurgeon's note: arthrodesis performed today as planned and consented.", "arthrodesis", "performed_here"],
    ["OPERATIVE REPORT\nIndications: atlantoaxial instability.\nThe posterior C1-C2 fusion was carried out under neuromonitoring.", "posterior C1-C2 fusion", "performed_here"],
    ["OPERATIVE REPORT\nProcedure: posterior C1-C2 arthrodesis with Harms constructs.", "arthrodesis", "performed_here", "OPERATIVE REPORT"],
    ["OPERATIVE NOTE\nThe C1-C2 joints were decorticated and the fusion was completed with autograft.", "fusion", "performed_here"],
    ["Brief op note\nPatient tolerated the occiput-C2 fusion well; to PACU.", "fusion", "performed_here"],
    ["Postoperative diagnosis: atlantoaxial instability.\nProcedure performed: C1-C2 posterior fusion.", "posterior fusion", "performed_here"],
  ],
  planned: [
    ["Scheduled for posterior C1-C2 fusion on 1/14.", "C1-C2 fusion", "planned"],
    ["PREOPERATIVE HISTORY AND PHYSICAL\nProcedure: occiput to C2 instrumented fusion.", "instrumented fusion", "planned"],
    ["Planned procedure: C1-2 arthrodesis (Goel-Harms).", "arthrodesis", "planned"],
    ["She is booked for O-C2 fusion next month.", "fusion", "planned"],
    ["Plan: C1-C2 fusion Friday; hold apixaban.", "C1-C2 fusion", "planned"],
    ["C1-C2 fusion booked for 3/3. Knee surgery next year as well.", "C1-C2 fusion", "planned"],
    ["Will proceed with posterior atlantoaxial arthrodesis.", "arthrodesis", "planned"],
  ],
  proposed: [
    // A failure already stated is the indication, not a condition: only "if", "should", "unless", "reserved" are.
    ["Given failure of 3 months in a rigid collar, posterior C1-C2 arthrodesis is recommended.", "arthrodesis", "proposed"],
    ["Halo treatment has failed, and an occiput-C2 arthrodesis is indicated.", "arthrodesis", "proposed"],
    ["After failed nonoperative care and progression of the slip, we recommend C1-C2 arthrodesis.", "arthrodesis", "proposed"],
    ["Neurosurgery recommends posterior C1-C2 fusion.", "C1-C2 fusion", "proposed", "recommends"],
    ["She is a candidate for occipitocervical fusion.", "occipitocervical fusion", "proposed"],
    ["I would advise an O-C2 arthrodesis.", "arthrodesis", "proposed"],
    ["A posterior C1-C2 fusion was offered.", "C1-C2 fusion", "proposed"],
    ["This patient should have a C1-C2 fusion.", "C1-C2 fusion", "proposed"],
  ],
  discussed: [
    // Talk about an operation in general: questions, walk-throughs, conversations, "explained that a ...".
    ["We explained that a posterior C1-C2 fusion limits head rotation by about half.", "fusion", "discussed", "explained that a"],
    ["The patient asked about occiput-C2 arthrodesis and how much motion she would lose.", "arthrodesis", "discussed", "asked about"],
    ["She asked how rehabilitation works after an atlantoaxial fusion; the course was explained.", "fusion", "discussed"],
    ["Dr. Ito walked the patient through the occipitocervical fusion step by step with a model.", "fusion", "discussed", "walked the patient through"],
    ["Long conversation re: fusion at C1-2, pt wants time to think.", "fusion", "discussed"],
    ["Informed about posterior atlantoaxial arthrodesis as one possible treatment.", "arthrodesis", "discussed"],
    ["We reviewed the published outcomes of C1-2 fusion together.", "fusion", "discussed"],
    ["Surgical options, including C1-C2 fusion, were explained.", "C1-C2 fusion", "discussed"],
    ["We reviewed the risks and benefits of occipitocervical fusion.", "occipitocervical fusion", "discussed"],
    ["PATIENT EDUCATION\nHandout given on what a C1-2 fusion involves.", "C1-2 fusion", "discussed"],
    ["Discussed posterior fusion as the definitive option.", "posterior fusion", "discussed"],
    ["Reviewed C1-C2 fusion risks/benefits with the patient.", "C1-C2 fusion", "discussed"],
  ],
  consented: [
    ["SCRIBE DRAFT\nPatient: \"Okay, let's do the fusion.\" Form signed at the end of the visit.", "the fusion", "consented", "let's do"],
    ["SCRIBE DRAFT\nHe said let\u2019s go ahead with the C1-C2 fusion.", "C1-C2 fusion", "consented"],
    ["Consent signed for C1-2 arthrodesis.", "arthrodesis", "consented"],
    ["Informed consent was obtained for occiput-C2 fusion.", "fusion", "consented"],
    ["Consent: posterior C1-C2 fusion, risks reviewed.", "C1-C2 fusion", "consented"],
    ["Her son, as health-care proxy, signed consent for the C1-C2 fusion.", "C1-C2 fusion", "consented"],
  ],
  declined: [
    ["Patient declined C1-C2 fusion.", "C1-C2 fusion", "declined", "declined"],
    ["O-C2 fusion was deferred until her pneumonia resolves.", "fusion", "declined"],
    ["He does not want surgery; C1-C2 fusion postponed.", "C1-C2 fusion", "declined"],
    ["Fusion offered but the patient refused.", "Fusion", "declined"],
    ["Wishes to avoid arthrodesis for now.", "arthrodesis", "declined"],
    ["C1-C2 fusion booked for 3/3. Surgery cancelled by patient.", "C1-C2 fusion", "declined"],
    ["Neurosurgery recommends posterior C1-C2 fusion. She declined surgery.", "C1-C2 fusion", "declined"],
    // The answer said later in the same sentence, past a comma, a "but" or a "which" (backward, sentence scope).
    ["We proposed an occiput-C2 arthrodesis, which she turned down after thinking it over.", "arthrodesis", "declined", "turned down"],
    ["He was consented for posterior C1-C2 fusion, but changed his mind on the day of admission.", "C1-C2 fusion", "declined", "changed his mind"],
    ["Consent for O-C2 fusion was signed in May, but she has since withdrawn it.", "O-C2 fusion", "declined", "withdrawn it"],
    ["The C1-C2 fusion was called off when her troponin came back high.", "C1-C2 fusion", "declined", "called off"],
    ["Having reviewed the risks of occipitocervical fusion, the family opted for conservative care.", "occipitocervical fusion", "declined"],
    ["After a long talk about posterior C1-2 arthrodesis, the patient chose nonoperative management.", "arthrodesis", "declined"],
    ["She turned down the C1-C2 fusion her surgeon advised.", "C1-C2 fusion", "declined", "turned down"],
    ["He has decided not to proceed with posterior C1-C2 fusion.", "C1-C2 fusion", "declined"],
    ["Stabilization was refused, so the C1-C2 fusion will not be performed.", "C1-C2 fusion", "declined"],
  ],
  "the preparations of an operation still to come are its booking": [
    ["PROGRESS NOTE\nPre-op checklist for the C1-C2 fusion: labs drawn, consent on chart.", "C1-C2 fusion", "planned", "Pre-op checklist"],
    ["PROGRESS NOTE\nPreoperative clearance visit for posterior atlantoaxial arthrodesis.", "arthrodesis", "planned"],
    ["PREOPERATIVE HISTORY AND PHYSICAL\nPre-anesthesia assessment for tomorrow's occiput-C2 fusion; airway class II.", "fusion", "planned"],
    ["PROGRESS NOTE\nAnesthesia phone screen done ahead of Friday's C1-2 arthrodesis.", "arthrodesis", "planned", "Friday's"],
    ["PROGRESS NOTE\nTelephone call: she asked when to arrive Wednesday for her neck fusion; told 6 a.m.", "neck fusion", "planned", "arrive"],
    ["PROGRESS NOTE\nNPO after midnight before the C1-C2 fusion.", "C1-C2 fusion", "planned", "NPO"],
    ["PROGRESS NOTE\nPrior authorization for posterior C1-C2 fusion was approved by the insurer.", "C1-C2 fusion", "planned", "authorization"],
    ["PROGRESS NOTE\nBlood bank type and crossmatch ordered for Monday\u2019s posterior C1-C2 fusion.", "fusion", "planned"],
    ["CONSULTATION\nProcedures to be scheduled:\n1. Posterior C1-C2 arthrodesis", "arthrodesis", "planned"],
    ["PROGRESS NOTE\nPending procedures:\n- occiput to C2 fusion", "fusion", "planned"],
  ],
  "an operation stopped, shelved or put off is declined, not negated": [
    ["PROGRESS NOTE\nThe occipitocervical fusion is on hold at her request.", "occipitocervical fusion", "declined", "on hold"],
    ["PROGRESS NOTE\nHe keeps putting off the C1-C2 fusion.", "C1-C2 fusion", "declined", "putting off"],
    ["PROGRESS NOTE\nShe has decided not to have the fusion.", "fusion", "declined", "not to have"],
    ["PROGRESS NOTE\nHe chose never to undergo the arthrodesis his surgeon advised.", "arthrodesis", "declined"],
    ["PROGRESS NOTE\nPatient phoned to say he is not going ahead with the atlantoaxial fusion.", "atlantoaxial fusion", "declined", "not going ahead"],
    ["DISCHARGE SUMMARY\nThe planned C1-C2 fusion was abandoned when the family chose comfort care.", "C1-C2 fusion", "declined"],
    ["PROGRESS NOTE\nThe C1-2 arthrodesis has been shelved for now.", "arthrodesis", "declined"],
    ["SCRIBE DRAFT\nPatient's words: \u201cI really don\u2019t want my neck fused.\u201d", "fused", "declined", "don\u2019t want"],
    ["PROGRESS NOTE\nShe doesn't want the C1-C2 fusion.", "C1-C2 fusion", "declined"],
    // Not a choice: an operation that simply did not happen stays negated.
    ["PROGRESS NOTE\nShe did not have a fusion after the accident, only a brace.", "fusion", "negated"],
    ["DISCHARGE SUMMARY\nShe did not undergo operative fixation during this stay.", "fixation", "negated"],
  ],
  "someone else's operation, however the sentence names them": [
    ["PROGRESS NOTE\nHer brother is himself recovering from a C1-2 fusion.", "C1-2 fusion", "other", "brother is himself"],
    ["PROGRESS NOTE\nThe C1-C2 fusion her father had in 2001 went badly.", "C1-C2 fusion", "other", "her father had"],
    ["PROGRESS NOTE\nHer mother had a C1-C2 fusion.", "C1-C2 fusion", "other"],
    ["CONSULTATION\nHer godmother, who underwent an occiput-C2 fusion years ago, referred her.", "fusion", "other"],
    ["PROGRESS NOTE\nHer son signed consent for his own C1-C2 fusion this week.", "C1-C2 fusion", "other", "his own"],
    ["PROGRESS NOTE\nShe read about a stranger's atlantoaxial fusion online.", "atlantoaxial fusion", "other", "a stranger's"],
    // A proxy still signs for the patient.
    ["PROGRESS NOTE\nHer son, as health-care proxy, signed consent for her C1-C2 fusion.", "C1-C2 fusion", "consented"],
  ],
  "a time word or earlier talk yields to the verb that says the operation was done": [
    ["DISCHARGE SUMMARY\nShe underwent posterior C1-C2 fusion on 11/29 and went home on 12/02.", "C1-C2 fusion", "performed"],
    ["PROGRESS NOTE\nHe had the occiput-C2 arthrodesis on 3/4 and is healing well.", "arthrodesis", "performed", "had"],
    ["PROGRESS NOTE\nShe had been scheduled twice before finally undergoing the C1-C2 arthrodesis last October.", "arthrodesis", "performed", "last October"],
    ["OPERATIVE REPORT\nThe previously recommended C1-C2 fusion was carried out today without complication.", "C1-C2 fusion", "performed_here"],
    ["PROGRESS NOTE\nThe C1-C2 fusion we discussed last year was performed in March at another hospital.", "C1-C2 fusion", "performed"],
    // A time word with no verb of doing, or a verb that is not done to the operation, leaves the booking.
    ["PROGRESS NOTE\nC1-C2 fusion on 1/14 as planned.", "C1-C2 fusion", "planned"],
    ["PROGRESS NOTE\nPre-admission testing completed for C1-C2 fusion on 8/30.", "C1-C2 fusion", "planned"],
    ["PROGRESS NOTE\nPlan is for fusion on 6/6 followed by inpatient rehab.", "fusion", "planned"],
    ["CONSULTATION\nI've advised her to have the C1-C2 fusion.", "C1-C2 fusion", "proposed"],
    ["PROGRESS NOTE\nThe family had many questions about posterior atlantoaxial fusion, which were answered.", "fusion", "discussed"],
  ],
  "a date after the note's own date is still to come": [
    ["OPERATIVE NOTE\nDate: 11/27/2026\nStage 2: posterior occiput-C3 instrumented fusion, planned for 12/01/2026 if she is stable.", "instrumented fusion", "conditional"],
    ["PROGRESS NOTE\nDate of service: 03/02/2026\nOccipitocervical fusion 04/15/2026 with Dr. Reyes.", "Occipitocervical fusion", "planned"],
    ["PROGRESS NOTE\nDate of service: 03/02/2026\nOccipitocervical fusion 04/15/2025 with Dr. Reyes.", "Occipitocervical fusion", "performed"],
    // A date of birth is not the note's date.
    ["PROGRESS NOTE\nDate of birth: 01/05/1950\nC1-C2 fusion 06/10/2019, healed.", "C1-C2 fusion", "performed"],
  ],
  "a study's report and a subordinate clause's verb say nothing of the operation": [
    ["TELEPHONE ENCOUNTER\nReport reads: bony fusion across the C1-2 lateral masses, no residual joint space.", "bony fusion", "finding"],
    ["PATIENT EDUCATION\nDr. Lane has recommended fusing C1 to C2 because the ligaments there have been loosened by her arthritis.", "fusing", "proposed"],
  ],
  "an operation set aside for another choice is declined, not negated": [
    ["CONSULTATION\nShe chose conservative care instead of atlantoaxial fusion.", "atlantoaxial fusion", "declined"],
  ],
  "a field that says none, and neither-nor": [
    ["RADIOLOGY REPORT\nPostoperative changes: none. Instrumentation: none identified.", "Instrumentation", "negated"],
    ["PROGRESS NOTE\nNeither fusion nor decompression has ever been done.", "fusion", "negated"],
  ],
  "a surgery word names the fusion before it only when it follows at once": [
    ["PRE-OPERATIVE H&P\nBecause of the C1-C2 fusion, anesthesia asked for cervical flexion-extension films before surgery.", "C1-C2 fusion", "finding"],
    ["PROGRESS NOTE\nHer C1-C2 fusion, which limits rotation, is why we avoid neck manipulation during surgery.", "C1-C2 fusion", "finding"],
    ["PROGRESS NOTE\nShe had C1-C2 fusion surgery in 2015.", "C1-C2 fusion", "performed"],
    ["PROGRESS NOTE\nSurgery for the C1-C2 fusion went well in 2015.", "C1-C2 fusion", "performed"],
  ],
  "the same operation named again takes the status the note settles for it": [
    [
      "SPINE VISIT\nTwo paths were laid out: (a) watchful waiting with repeat films; (b) posterior occiput-to-C2 instrumented fusion.\nDecision: she does not want the occiput-C2 fusion.",
      "instrumented fusion",
      "declined",
      "not want",
    ],
    ["CLINIC NOTE\nB) posterior C1-C2 arthrodesis with Harms screws.\nAfter a long talk the patient elected C1-C2 arthrodesis and consent was signed.", "posterior C1-C2 arthrodesis", "consented"],
    ["CLINIC NOTE\nPosterior C1-C2 arthrodesis.\nWe recommend a posterior C1-C2 arthrodesis.", "Posterior C1-C2 arthrodesis", "proposed"],
    // Not when the note also says a fusion at those levels was done, nor at other levels.
    ["CLINIC NOTE\nPosterior C1-C2 arthrodesis.\nS/p C1-C2 fusion 2015. Revision C1-C2 fusion is recommended.", "Posterior C1-C2 arthrodesis", "performed"],
    ["CLINIC NOTE\nPosterior C1-C2 arthrodesis.\nShe declined the C4-C5 fusion.", "Posterior C1-C2 arthrodesis", "performed"],
  ],
  "an answer reaches back only to an operation not already done": [
    ["S/p C1-C2 fusion in 2015, but she turned down the revision we offered.", "C1-C2 fusion", "performed"],
    ["Her posterior C1-C2 fusion healed; she chose conservative care for the lumbar stenosis.", "C1-C2 fusion", "performed"],
  ],
  conditional: [
    ["Should the collar fail, C1-C2 arthrodesis will be offered.", "arthrodesis", "conditional"],
    ["C1-C2 arthrodesis is reserved for failure of the halo.", "arthrodesis", "conditional"],
    ["If the instability progresses, C1-C2 fusion would be considered.", "C1-C2 fusion", "conditional"],
    ["Fusion would be considered only if the dens fails to heal.", "Fusion", "conditional"],
    ["Should the halo fail, occipitocervical fusion may be needed.", "occipitocervical fusion", "conditional"],
    ["Posterior C1-C2 arthrodesis is reserved for failure of the collar.", "arthrodesis", "conditional"],
    ["If the odontoid does not unite, revision fusion at C1-C2 will be needed.", "revision fusion", "conditional"],
  ],
  negated: [
    ["No prior C1-C2 fusion.", "C1-C2 fusion", "negated"],
    ["Denies any neck surgery, including fusion.", "fusion", "negated"],
    ["A posterior C1-2 arthrodesis was never performed.", "arthrodesis", "negated"],
  ],
  other: [
    ["Her mother had a C1-C2 fusion at 50.", "C1-C2 fusion", "other"],
    ["The patient's daughter is scheduled for an occipitocervical fusion next month.", "occipitocervical fusion", "other"],
    ["His brother, who had an O-C2 fusion last year, drove him today.", "fusion", "other"],
    ["Her mother-in-law, who had an occipitocervical fusion in 2019, came with her.", "occipitocervical fusion", "other"],
    // Every word of the relative and acquaintance vocabularies (lexicons/context.json wordSets), plural too.
    ["Both of his brothers have had C1-C2 fusion for familial instability.", "fusion", "other"],
    ["The patient's granddaughter underwent occiput-C2 fusion last spring.", "fusion", "other"],
    ["Her teammate's neck fusion ended his football season.", "fusion", "other"],
    ["Two of her cousins had posterior C1-C2 arthrodesis as teenagers.", "arthrodesis", "other"],
    ["His stepdaughter is booked for an occiput-C2 fusion in March.", "fusion", "other"],
    ["A classmate of hers had an atlantoaxial fusion after a diving accident.", "fusion", "other"],
  ],
  "an operation word with no spine level still gets its status": [
    ["CONSULTATION\nWe offered posterior instrumentation; he declined.", "instrumentation", "declined"],
    ["PROGRESS NOTE\nConsent for the surgery signed by the patient today.", "surgery", "consented"],
    ["PROGRESS NOTE\nHe underwent Harms fixation in 2015 and has had no neck pain since.", "fixation", "performed"],
    ["CONSULTATION\nShe denies any operation on her neck.", "operation", "negated"],
    ["CONSULTATION\nNeurosurgery recommends the operation be done this admission.", "operation", "proposed"],
    ["OPERATIVE REPORT\nThe wound was closed in layers; the patient tolerated the operation well.", "operation", "performed_here"],
  ],
  "verb pass: the verb governing an operation no cue decides (lexicons/verbs.json)": [
    ["Neurosurgery favours an occiput-C2 fusion for her.", "fusion", "proposed"],
    ["The spine team thinks she will eventually need an occiput-C2 fusion.", "fusion", "proposed"],
    ["He is hoping to get a posterior C1-C2 arthrodesis before winter.", "arthrodesis", "proposed"],
    ["Posterior C1-C2 arthrodesis would stabilise the joint.", "arthrodesis", "conditional", "would stabilise"],
    ["She elected posterior C1-C2 arthrodesis after a long talk.", "arthrodesis", "consented"],
    ["We will book the occiput-C2 arthrodesis through the surgeon's office.", "arthrodesis", "planned"],
    ["The spine surgeons will perform a posterior C1-C2 arthrodesis.", "arthrodesis", "planned"],
    ["Her posterior C1-C2 arthrodesis was complicated by dysphagia.", "arthrodesis", "performed"],
    ["Dr. Ames fused C1-C2 posteriorly with Harms constructs in 2014.", "fused", "performed"],
  ],
  "a sentence that opens with a condition makes its operations conditional": [
    ["If she clears cardiology and still wants surgery, then occipitocervical fusion.", "occipitocervical fusion", "conditional"],
    ["Unless the odontoid unites in the halo, C1-C2 arthrodesis, probably in the spring.", "arthrodesis", "conditional"],
    ["Plan: if the flexion views show motion, posterior C1-C2 fusion with screws.", "C1-C2 fusion", "conditional"],
    ["Assuming the MRI is unchanged, occiput-C2 arthrodesis is the next step.", "arthrodesis", "conditional"],
    ["Once exposure was complete, the C1-C2 arthrodesis was carried out.", "arthrodesis", "performed"],
  ],
  "an adverb of the trigger's own verb does not end its scope": [
    ["Occipitocervical fusion is now booked for 9/9.", "fusion", "planned"],
    ["C1-C2 fusion is still scheduled for next week.", "fusion", "planned"],
    ["The C1-C2 arthrodesis was then completed with local autograft.", "arthrodesis", "performed"],
    ["The posterior C1-C2 fusion was successfully performed in 2011.", "fusion", "performed"],
  ],
  "optional words inside a trigger": [
    ["Per patient, the surgeon's office canceled the surgery; C1-C2 fusion not yet rescheduled.", "C1-C2 fusion", "declined"],
    ["Pre-op H&P for C1-2 fusion.", "fusion", "planned"],
    ["Preoperative clearance for occiput-C2 arthrodesis requested by Dr. Shah.", "arthrodesis", "planned"],
  ],
  "a possessive: the fusion is the patient's, talk about it records no operation to come": [
    ["We discussed her C1-C2 fusion and its likely relation to her rheumatoid arthritis.", "fusion", "finding"],
    ["I reviewed his atlantoaxial fusion with him and his wife today.", "fusion", "finding"],
    ["We discussed her fusion options.", "fusion", "discussed"],
    ["We reviewed her surgical options, including C1-C2 fusion.", "C1-C2 fusion", "discussed"],
    ["Her C1-C2 fusion is booked for Monday.", "C1-C2 fusion", "planned"],
    ["Explained to her that atlantoaxial fusion typically reduces neck rotation by about half.", "atlantoaxial fusion", "discussed"],
  ],
  "another person's operation": [
    ["He read online about a man whose atlantoaxial fusion went wrong.", "atlantoaxial fusion", "other"],
    ["She worries because another patient in her support group had an O-C2 fusion.", "fusion", "other"],
  ],
  "a longer trigger for operations silences a general one inside it for operations only": [
    ["He is adamant that he does not want the occipitocervical arthrodesis.", "occipitocervical arthrodesis", "declined"],
    ["Not interested in fusion surgery at present.", "fusion", "declined"],
    ["Patient said no to the fusion and prefers injections.", "fusion", "declined"],
    ["In my view this patient should have an occiput-C2 arthrodesis.", "occiput-C2 arthrodesis", "proposed"],
    ["Consent would be obtained for C1-C2 fusion only if the trial of halo fails.", "C1-C2 fusion", "conditional"],
    ["Halo first; arthrodesis only for failure.", "arthrodesis", "conditional"],
    ["Outside records show a tonsillectomy only and no C1-C2 fusion.", "C1-C2 fusion", "negated"],
  ],
  "labels, advice and outcomes worded many ways": [
    ["Options reviewed: continued collar, halo, or posterior C1-C2 arthrodesis.", "arthrodesis", "discussed"],
    ["Ortho spine recs: C1-C2 fusion with screws; will discuss with family tomorrow.", "C1-C2 fusion", "proposed"],
    ["Best treatment is posterior atlantoaxial fusion.", "posterior atlantoaxial fusion", "proposed"],
    ["Surgery (O-C2 fusion) is the recommended treatment; she will think it over.", "O-C2 fusion", "proposed"],
    ["I think revision fusion should be done.", "revision fusion", "proposed"],
    ["We would recommend C1-2 arthrodesis in the event of any neurological decline.", "arthrodesis", "conditional"],
    ["Pt told: if pain persists beyond 3 mo, surgical options incl. C1-2 fusion.", "C1-2 fusion", "conditional"],
    ["Would rather live with the pain than undergo occiput to C2 fusion, per patient.", "occiput to C2 fusion", "declined"],
    ["OR case removed from schedule: occipitocervical arthrodesis, reason: patient request.", "occipitocervical arthrodesis", "declined"],
    ["Patient left AMA prior to planned C1-2 fusion.", "C1-2 fusion", "declined"],
    ["The fusion is set for January 9 at St. Luke's.", "fusion", "planned"],
    ["Surgery date confirmed with patient: posterior atlantoaxial fusion, 11/3.", "posterior atlantoaxial fusion", "planned"],
    ["He is on board with the fusion.", "fusion", "consented"],
    ["After a long discussion, she has decided to go ahead with the occipitocervical fusion.", "occipitocervical fusion", "consented"],
    ["Initially reluctant, he now accepts the recommendation for atlantoaxial fusion.", "atlantoaxial fusion", "consented"],
    ["Informed consent discussion held for C1-C2 fusion; she wants to speak with her daughter first.", "C1-C2 fusion", "discussed"],
    ["Consent discussion completed and signature obtained for C1-C2 arthrodesis.", "C1-C2 arthrodesis", "consented"],
    ["Reconsent obtained for revision occipitocervical fusion.", "revision occipitocervical fusion", "consented"],
    ["The C1-C2 fusion mentioned in the 2019 letter never took place.", "C1-C2 fusion", "negated"],
    ["Note: the C1-C2 fusion listed in the problem list is erroneous.", "C1-C2 fusion", "negated"],
    ["OPERATIVE REPORT\nThe indication for today's atlantoaxial fusion is progressive myelopathy.", "atlantoaxial fusion", "performed_here"],
    ["PATIENT EDUCATION\nHandout given: caring for your neck after your recent occipitocervical fusion.", "occipitocervical fusion", "performed"],
  ],
  "a yes or a no in the next sentence settles the operation before it": [
    ["We offered posterior C1-C2 fusion. She declined.", "C1-C2 fusion", "declined", "declined"],
    ["Neurosurgery recommended occiput-C2 arthrodesis. Patient refused at this time.", "arthrodesis", "declined", "refused"],
    ["We discussed C1-C2 fusion at length. He consented.", "C1-C2 fusion", "consented", "consented"],
    ["We discussed C1-C2 fusion at length. She would like to think about the risks of surgery and the long recovery before she decides anything.", "C1-C2 fusion", "discussed"],
  ],
  "whose operation: relatives, proxies, other people": [
    ["Her husband declined a C1-C2 fusion last year.", "C1-C2 fusion", "other"],
    ["Healthcare proxy (son) provided consent for the C1-C2 fusion on behalf of the patient.", "C1-C2 fusion", "consented"],
    ["Consent obtained by telephone from the wife for C1-C2 fusion, as the patient is intubated.", "C1-C2 fusion", "consented"],
    ["Pt reports she postponed her neck fusion until after her daughter's wedding.", "neck fusion", "declined"],
    ["Case discussed with a colleague whose patient underwent occipitocervical fusion.", "occipitocervical fusion", "other"],
    ["Currently caring for a client recovering from atlantoaxial fusion.", "atlantoaxial fusion", "other"],
    ["Literature review: in a series of 42 patients, C1-C2 fusion achieved union in 95%.", "C1-C2 fusion", "other"],
    ["He is a spine surgeon himself and has performed many C1-C2 fusions.", "C1-C2 fusions", "other"],
  ],
  "a fusion seen on a study is a finding, not an operation": [
    ["CT: solid bony fusion of C1-C2.", "fusion", "finding"],
    ["We discussed her CT, which shows C1-C2 fusion.", "fusion", "finding"],
    ["PREOPERATIVE HISTORY AND PHYSICAL\nImaging: CT shows spontaneous C1-C2 fusion.", "fusion", "finding"],
    ["I have explained that this fusion has occurred as a consequence of her RA.", "fusion", "finding"],
  ],
};

describe("procedure status", () => {
  for (const [label, rows] of Object.entries(ROWS)) {
    describe(label, () => {
      it.each(rows)("%s  [%s]", (note, target, status, cue) => {
        const got = statusOf(note, target);
        expect(got.status).toBe(status);
        if (cue !== undefined) expect(got.cue).toBe(cue);
      });
    });
  }
});

describe("an operation that was not done gives no surgical origin", () => {
  it.each([
    ["Consent signed for C1-C2 arthrodesis."],
    ["Neurosurgery recommends posterior C1-C2 fusion."],
    ["Surgical options, including occipitocervical fusion, were explained."],
    ["PREOPERATIVE HISTORY AND PHYSICAL\nProcedure: posterior C1-C2 fusion."],
    ["Fusion would be considered only if instability develops."],
    ["Patient declined C1-2 fusion."],
  ])("%s", (note) => {
    const r = check(note);
    expect(r.verdict).toBe("not_documented");
    expect(r.suggestions.map((s) => s.code)).not.toContain("Z98.1");
  });

  it("an operative report of the fusion itself is not_documented, with no Z98.1 (SPEC section 5)", () => {
    const r = check("OPERATIVE REPORT\nProcedure performed: posterior C1-C2 fusion with lateral mass screws.\nEBL 100 mL.");
    expect(r.verdict).toBe("not_documented");
    expect(r.suggestions).toEqual([]);
  });

  it("an operative report of a revision still documents the earlier fusion (Z98.1, M96.0)", () => {
    const r = check("OPERATIVE REPORT\nPreoperative diagnosis: pseudarthrosis of prior C1-C2 arthrodesis.\nProcedure: revision posterior C1-C2 fusion.");
    expect(r.verdict).toBe("redirect");
    expect(r.suggestions.map((s) => `${s.code} ${s.relation}`)).toEqual(["Z98.1 instead", "M96.0 additional"]);
  });

  it("a planned fusion appended to a disease ankylosis does not change its verdict", () => {
    const base = "CT: bony ankylosis of C1-C2 with bridging bone, due to her rheumatoid arthritis. Rotation limited.";
    for (const extra of ["Consent signed for C1-C2 arthrodesis.", "Neurosurgery recommends posterior C1-C2 fusion if symptoms progress.", "Risks and benefits of occipitocervical fusion were reviewed."]) {
      expect(check(`${base} ${extra}`).verdict).toBe(check(base).verdict);
    }
  });
});

describe("proof of fusion written as an absence", () => {
  it.each([
    ["Flexion-extension views: no motion between C1 and C2, consistent with bony ankylosis due to RA.", "C1 and C2"],
    ["CT: no residual joint space at C1-C2; bony bridging. Due to RA.", "C1-C2"],
    ["The C1-C2 joint space is no longer visible on CT; ankylosis from her RA.", "C1-C2"],
  ])("%s: the levels are not negated", (note, levels) => {
    const r = check(note);
    const seg = r.mentions.find((m) => m.type === "segment" && m.text === levels)!;
    expect(seg.assertion.negated).toBe(false);
    expect(r.verdict).not.toBe("not_documented");
  });

  it.each([["CT: no ankylosis of C1-C2."], ["CT: no bony bridging across C1-C2."], ["CT: C1-C2 not fused."]])("%s still negates", (note) => {
    expect(check(note).verdict).toBe("not_documented");
  });
});

describe("uncertain and excluded fusions", () => {
  it("'appeared to be fused' is uncertain (SPEC section 5)", () => {
    const r = check("CT: C1-C2 appeared to be fused, bony bridging, due to RA. Rotation limited.");
    expect(r.verdict).toBe("incomplete");
  });
  it.each([
    ["DDx: C1-C2 fusion vs degenerative narrowing. CT later showed no fusion."],
    ["Possible atlantoaxial ankylosis. CT: no fusion at C1-C2."],
  ])("a differential a study excludes is not documented: %s", (note) => {
    expect(check(note).verdict).toBe("not_documented");
  });
  it("a question a study answers is not documented: 'is her neck fused too?' ... 'No ankylosis at C1-C2'", () => {
    expect(check("INDICATION: low back pain; is her neck fused too?\nIMPRESSION: No ankylosis at C1-C2.").verdict).toBe("not_documented");
  });
  it("a differential that a study about another level does not answer stays uncertain", () => {
    expect(check("Possible C1-C2 fusion. CT: no fusion at C5-C6.").verdict).toBe("incomplete");
  });
});
