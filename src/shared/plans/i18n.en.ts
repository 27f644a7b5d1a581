import type { PlansMessages } from './i18n.da';

export const plansEn: PlansMessages = {
  routing: {
    handling: {
      pair: 'The pair handles the task – anyone on the team may take it',
      pairWithAdvice: "The pair handles the task with a specialist's advice",
      specialist: 'A specialist takes the task over – the pair stays responsible',
    },
    finding: {
      anyoneOnTeam: 'Level 1: no specialist is needed',
      pairHasSpecialist: 'One of the pair has level {{level}} in {{domain}} and handles the task',
      proposed: 'Proposed for level {{level}} or higher in {{domain}} and current load',
      noneAvailable:
        'Everyone with level {{level}} in {{domain}} is absent or inactive ({{count}}) – wait, or escalate to the leader',
      noneQualified: 'No one on the team has level {{level}} in {{domain}} – escalate to the leader',
    },
    note: {
      pairMemberUnavailable: 'A pair member is absent or not active – cover may be needed',
    },
    reason: {
      pairMember: "One of the family's pair",
      competence: 'Level {{level}} in {{domain}}',
      homeDepartment: 'From {{department}}, whose authority the task falls under',
      load: 'Open tasks: {{openTasks}}, families: {{families}}',
    },
  },
};
