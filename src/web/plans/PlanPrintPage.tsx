import { BodyShort, Button, Heading, HStack, Link, Radio, RadioGroup, VStack } from '@navikt/ds-react';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useParams } from 'react-router';
import { isClosed, type Plan, type PlanPerson, type Task } from '../../shared/plans/plans.contract';
import type { CompetenceDomain } from '../../shared/team/team.contract';
import { ErrorAlert } from '../app/ErrorAlert';
import { PageHeading } from '../app/PageHeading';
import { PageLoader } from '../app/PageLoader';
import { useUnits } from '../team/team.api';
import { domainName } from '../team/unitNames';
import { useFamilyPlan, useFamilyTasks } from './plans.api';
import './print.css';

type PrintLanguage = 'da' | 'en';
const intlLocaleOf = (lang: PrintLanguage) => (lang === 'en' ? 'en-GB' : 'da-DK');
const personName = (p: PlanPerson | undefined) => (p ? `${p.firstName} ${p.lastName}` : '');

/** Dates and language names in the print's language, not the screen's. */
function formatsFor(lang: PrintLanguage) {
  const locale = intlLocaleOf(lang);
  return {
    date: (iso: string | null) => {
      const match = iso ? /^(\d{4})-(\d{2})-(\d{2})/.exec(iso) : null;
      if (!match) return iso ?? '';
      const d = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
      return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(d);
    },
    dateTime: (iso: string) =>
      new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso)),
    language: (code: string) => {
      try {
        return new Intl.DisplayNames(locale, { type: 'language', fallback: 'code' }).of(code) ?? code;
      } catch {
        return code;
      }
    },
  };
}

/**
 * The kitchen-table plan (issue 14 §3, decision 0039): one or two A4 pages — dreams, goals, who
 * does what by when, the next appointments and the pair's names and work phones — in Danish or
 * English whatever the screen's language, printed with the browser's print (print.css).
 */
export function PlanPrintPage() {
  const { t, i18n } = useTranslation();
  const { familyId = '' } = useParams();
  const [lang, setLang] = useState<PrintLanguage>(i18n.language === 'en' ? 'en' : 'da');
  const plan = useFamilyPlan(familyId);
  const tasks = useFamilyTasks(familyId);
  const title = plan.data
    ? t('plan.printPage.titleFamily', { reference: plan.data.familyReference })
    : t('plan.printPage.title');
  return (
    <VStack gap="space-16">
      <VStack gap="space-16" className="sc-print-controls">
        <div>
          <Link as={RouterLink} to={`/families/${encodeURIComponent(familyId)}`}>
            {t('plan.printPage.back')}
          </Link>
        </div>
        <HStack gap="space-24" align="end" wrap>
          <RadioGroup
            legend={t('plan.printPage.language')}
            value={lang}
            onChange={(v: PrintLanguage) => setLang(v)}
          >
            <HStack gap="space-16">
              <Radio value="da" lang="da">
                {t('plan.printPage.languageDa')}
              </Radio>
              <Radio value="en" lang="en">
                {t('plan.printPage.languageEn')}
              </Radio>
            </HStack>
          </RadioGroup>
          <Button type="button" onClick={() => window.print()} disabled={!plan.data}>
            {t('plan.printPage.print')}
          </Button>
        </HStack>
      </VStack>
      {plan.isPending && <PageLoader />}
      {!plan.data && !plan.isPending && <PageHeading title={title} />}
      {plan.error && <ErrorAlert error={plan.error} />}
      {plan.data && (
        <PrintedPlan plan={plan.data} tasks={tasks.data?.items ?? []} lang={lang} title={title} />
      )}
    </VStack>
  );
}

function PrintedPlan({
  plan,
  tasks,
  lang,
  title,
}: {
  plan: Plan;
  tasks: Task[];
  lang: PrintLanguage;
  /** The page's title in the screen's language (the document title); the heading is in the print's. */
  title: string;
}) {
  const { i18n } = useTranslation();
  const tp: TFunction = i18n.getFixedT(lang);
  const f = formatsFor(lang);
  const domains = (useUnits('domains').data?.items ?? []) as CompetenceDomain[];
  const domain = (id: string) => {
    const d = domains.find((x) => x.id === id);
    return d ? domainName(tp, d) : '';
  };
  const open = tasks
    .filter((task) => !isClosed(task.state))
    .sort((a, b) => (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999'));
  const owners = plan.people.filter((p) => plan.dreams.some((d) => d.personId === p.id));
  const agreedBy = (ids: string[]) =>
    ids
      .map((id) => personName(plan.people.find((p) => p.id === id)))
      .filter(Boolean)
      .join(', ');
  const today = new Date().toISOString();
  return (
    <article className="sc-plan-print" lang={lang}>
      <VStack gap="space-8">
        <PageHeading title={title}>
          {tp('plan.printPage.titleFamily', { reference: plan.familyReference })}
        </PageHeading>
        <BodyShort size="small">
          {tp('plan.printPage.printedOn', { version: plan.version, date: f.dateTime(today) })}
        </BodyShort>

        <Heading level="2" size="medium">
          {tp('plan.dreams')}
        </Heading>
        {owners.length === 0 && <BodyShort>{tp('plan.noDreams')}</BodyShort>}
        {owners.map((person) => (
          <VStack key={person.id} gap="space-4">
            <Heading level="3" size="xsmall">
              {personName(person)}
            </Heading>
            <ul>
              {plan.dreams
                .filter((d) => d.personId === person.id)
                .map((dream) => (
                  <li key={dream.id}>
                    <span lang={dream.language} dir="auto">
                      {dream.words}
                    </span>{' '}
                    ({tp('plan.saidIn', { language: f.language(dream.language) })})
                    {dream.danish && dream.language !== 'da' && (
                      <>
                        <br />
                        {tp('plan.danishLabel')}{' '}
                        <span lang="da" dir="auto">
                          {dream.danish}
                        </span>
                      </>
                    )}
                  </li>
                ))}
            </ul>
          </VStack>
        ))}

        <Heading level="2" size="medium">
          {tp('plan.goals')}
        </Heading>
        {plan.goals.length === 0 ? (
          <BodyShort>{tp('plan.noGoals')}</BodyShort>
        ) : (
          <ol>
            {[...plan.goals]
              .sort((a, b) => a.priority - b.priority)
              .map((goal) => (
                <li key={goal.id}>
                  <strong dir="auto">{goal.words}</strong> – {domain(goal.domainId)},{' '}
                  {tp('plan.priorityShort', { priority: goal.priority })}
                  {goal.agreedOn && <>. {tp('plan.agreedDate', { date: f.date(goal.agreedOn) })}</>}
                  {goal.agreedByPersonIds.length > 0 && (
                    <>
                      {' '}
                      ({tp('plan.agreedBy')}: {agreedBy(goal.agreedByPersonIds)})
                    </>
                  )}
                </li>
              ))}
          </ol>
        )}

        <Heading level="2" size="medium">
          {tp('plan.printPage.whoWhat')}
        </Heading>
        {open.length === 0 ? (
          <BodyShort>{tp('plan.printPage.noTasks')}</BodyShort>
        ) : (
          <table className="sc-plan-print-table">
            <thead>
              <tr>
                <th scope="col">{tp('plan.printPage.task')}</th>
                <th scope="col">{tp('plan.printPage.who')}</th>
                <th scope="col">{tp('plan.printPage.by')}</th>
              </tr>
            </thead>
            <tbody>
              {open.map((task) => (
                <tr key={task.id}>
                  <td dir="auto">{task.words}</td>
                  <td>
                    {task.owner.displayName}
                    {task.helpers.length > 0 &&
                      ` ${tp('plan.printPage.helpers', { names: task.helpers.map((h) => h.displayName).join(', ') })}`}
                  </td>
                  <td>{task.dueOn ? f.date(task.dueOn) : tp('plan.printPage.noDate')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}

        <Heading level="2" size="medium">
          {tp('plan.printPage.appointments')}
        </Heading>
        {/* The next appointments, not cancelled (decision 0045), in the print's language. */}
        <div className="sc-plan-print-slot" data-slot="next-appointments">
          {plan.appointments.length > 0 ? (
            <table className="sc-plan-print-table">
              <thead>
                <tr>
                  <th scope="col">{tp('plan.printPage.when')}</th>
                  <th scope="col">{tp('plan.printPage.what')}</th>
                  <th scope="col">{tp('plan.printPage.where')}</th>
                  <th scope="col">{tp('plan.printPage.withWhom')}</th>
                </tr>
              </thead>
              <tbody>
                {plan.appointments.map((a) => (
                  <tr key={`${a.startsAt}-${a.kind}-${a.title ?? ''}`}>
                    <td>
                      {tp('plan.printPage.time', {
                        date: f.date(a.date),
                        start: a.startTime,
                        end: a.endTime,
                      })}
                    </td>
                    <td>
                      {tp(`enums.appointmentKind.${a.kind}`)}
                      {a.title && (
                        <>
                          : <span dir="auto">{a.title}</span>
                        </>
                      )}
                    </td>
                    <td dir="auto">{a.place ?? '–'}</td>
                    <td dir="auto">
                      {[...a.participants, ...(a.otherAuthority ? [a.otherAuthority] : [])].join(', ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <BodyShort>{tp('plan.printPage.noAppointments')}</BodyShort>
          )}
        </div>

        <Heading level="2" size="medium">
          {tp('plan.printPage.pair')}
        </Heading>
        <ul>
          {plan.pair.map((p) => (
            <li key={p.id}>
              <strong>{p.displayName}</strong> –{' '}
              {p.workPhone
                ? tp('plan.printPage.workPhone', { phone: p.workPhone })
                : tp('plan.printPage.noPhone')}
            </li>
          ))}
        </ul>
      </VStack>
    </article>
  );
}
