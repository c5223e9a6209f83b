/**
 * The studio's blank scenario: the smallest file the checker accepts, with comments that
 * say what each part is for. It passes the validator; the library's review bar (8–15
 * decisions, a flagged option, spread on each focus skill) is the author's to reach.
 */
export const BLANK_SCENARIO = `# A new client scenario. The guide: /studio/ links to docs/writing-scenarios.md.
id: new-scenario # lowercase words joined by hyphens; the file becomes <id>.yaml
title: A first conversation
setting: healthcare # healthcare | social-services | insurance | behavioural-health
difficulty: introductory # introductory | intermediate | advanced
estimatedMinutes: 10
summary: >-
  A short description for the practice catalogue: who the client is and what is at stake.
role: >-
  You are the case manager meeting this client for the first time.
focusSkills: [communication] # 1–3 measured skills
persona:
  name: Sam Client
  age: 45
  pronouns: they/them
  situation: Describe their circumstances in a sentence or two, as the case manager would know them.
  goals: [What they want]
  fears: [What they worry about]
  culture: What shapes how they see help and family
  language: English
variables: # numeric state that changes what people say and which options appear
  trust:
    label: Their trust in you
    initial: 1
    min: 0
    max: 3
start: opening
nodes:
  opening: # a decision point: 2–4 choices
    lines:
      - narration: The client sits down and looks at the clock.
      - client: I don't have long. What is this about?
    prompt: How do you open?
    choices:
      - id: ask-open
        text: Thanks for coming in. What would be most useful to talk about today?
        next: plan
        effects: { trust: 1 }
        evidence:
          communication:
            code: 2
            why: An open question lets the client set the agenda before you do.
        feedback: They relax a little and start to explain.
      - id: start-forms
        text: We need to get through these forms first.
        next: plan
        effects: { trust: -1 }
        evidence:
          communication:
            code: -1
            why: Leading with paperwork tells the client the forms matter more than they do.
        feedback: They sigh and reach for the pen.
  plan:
    lines:
      - client: I just want to know what happens next.
      - client: Last time nobody called me back.
        when: trust < 1 # a line shown only in some states
    prompt: What do you say?
    choices:
      - id: summarise
        text: So what matters most is knowing the next step. Shall we write it down together?
        next: outcome
        effects: { trust: 1 }
        evidence:
          communication:
            code: 2
            why: A summary checks your understanding and turns it into a shared plan.
        feedback: They nod and take out their phone to note the date.
      - id: reassure
        text: Don't worry, it will all be fine.
        next: outcome
        evidence:
          communication:
            code: -1
            why: Reassurance without information closes the conversation instead of answering it.
        feedback: They do not look reassured.
  outcome: # an automatic branch on state: the first matching route wins
    routes:
      - when: trust >= 3
        next: ending-good
      - when: trust >= 1
        next: ending-mixed
      - next: ending-poor
  ending-good: # an ending
    ending:
      kind: good
      title: A plan they own
      summary: They leave with the next step written down and your direct number.
  ending-mixed:
    ending:
      kind: mixed
      title: A plan, for now
      summary: They agree to a next step but are not sure you will follow through.
  ending-poor:
    ending:
      kind: poor
      title: Another form filled in
      summary: They leave without knowing what happens next, and do not return your call.
debrief:
  summary: Opening with the client's agenda and summarising what matters builds the trust a plan needs.
  skills:
    - skill: communication
      lessons: [communication/active-listening-oars]
      note: Open questions and summaries keep you listening before you fix.
`;
