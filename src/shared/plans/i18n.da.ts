/**
 * Danish (default) texts of the plans area that server and web share: the routing rule's
 * handling, findings, notes and reasons (routing.ts, decision 0035). Placeholders are i18next's:
 * routingMessage() gives each its values, with the domain's and department's names filled in.
 */
export const plansDa = {
  routing: {
    handling: {
      pair: 'Parret løser opgaven – alle i teamet kan tage den',
      pairWithAdvice: 'Parret løser opgaven med råd fra en specialist',
      specialist: 'En specialist overtager opgaven – parret har fortsat ansvaret',
    },
    finding: {
      anyoneOnTeam: 'Niveau 1: ingen specialist er nødvendig',
      pairHasSpecialist: 'En i parret har selv niveau {{level}} i {{domain}} og løser opgaven',
      proposed: 'Foreslået ud fra niveau {{level}} eller højere i {{domain}} og den nuværende belastning',
      noneAvailable:
        'Alle med niveau {{level}} i {{domain}} er fraværende eller inaktive ({{count}}) – vent, eller eskalér til lederen',
      noneQualified: 'Ingen i teamet har niveau {{level}} i {{domain}} – eskalér til lederen',
    },
    note: {
      pairMemberUnavailable:
        'En i parret er fraværende eller ikke aktiv – der kan være brug for en stedfortræder',
    },
    reason: {
      pairMember: 'Er en del af familiens par',
      competence: 'Niveau {{level}} i {{domain}}',
      homeDepartment: 'Fra {{department}}, hvis myndighed opgaven hører under',
      load: 'Åbne opgaver: {{openTasks}}, familier: {{families}}',
    },
  },
};

/** Every locale has exactly the shape of the Danish texts. */
type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
export type PlansMessages = Shape<typeof plansDa>;
