import { BodyShort, Button, Skeleton, Table, VStack } from '@navikt/ds-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TeamPage as TeamPageData, TeamPageMember } from '../../shared/team/team.contract';
import { FormProblem } from '../app/ErrorAlert';
import { PageHeading } from '../app/PageHeading';
import { ScrollTable } from '../app/ScrollTable';
import { Section } from '../app/Section';
import { CompetenceForm } from './CompetenceForm';
import { CoversSection } from './CoversSection';
import { useTeamPage } from './team.api';
import { departmentName, domainName } from './unitNames';

/**
 * Who on the team knows what, and each one's load (issue 14.1). One table, staff by domain: on a
 * phone it scrolls sideways in a ScrollTable rather than turning into cards per person, so a
 * screen reader keeps row and column headers ("Anna, Debt, level 2") and the leader can still
 * compare a column — which is what the page is for: who to ask about debt.
 */
export function TeamPage() {
  const { t } = useTranslation();
  const page = useTeamPage();
  const [editing, setEditing] = useState<TeamPageMember | null>(null);
  const data = page.data;
  return (
    <VStack gap="space-32">
      <PageHeading title={t('team.title')} />
      <Section id="competences" title={t('team.competences')}>
        <FormProblem error={page.error} />
        {page.isPending ? (
          <Skeleton variant="rectangle" height="10rem" />
        ) : data ? (
          <>
            <BodyShort id="team-legend">{t('team.legend')}</BodyShort>
            <ScrollTable label={t('team.tableLabel')}>
              <CompetenceTable data={data} onEdit={setEditing} />
            </ScrollTable>
          </>
        ) : null}
        {editing && data && (
          <CompetenceForm
            member={editing}
            page={data}
            openerId={editId(editing.id)}
            onClose={() => setEditing(null)}
          />
        )}
      </Section>
      {data?.abilities.editCompetences && <CoversSection members={data.members} />}
    </VStack>
  );
}

const editId = (memberId: string) => `team-edit-${memberId}`;

function CompetenceTable({ data, onEdit }: { data: TeamPageData; onEdit: (m: TeamPageMember) => void }) {
  const { t } = useTranslation();
  const departments = new Map(data.departments.map((d) => [d.id, departmentName(t, d)]));
  const edit = data.abilities.editCompetences;
  return (
    <Table size="small" zebraStripes aria-describedby="team-legend">
      <caption className="aksel-sr-only">{t('team.tableLabel')}</caption>
      <Table.Header>
        <Table.Row>
          <Table.HeaderCell scope="col">{t('team.name')}</Table.HeaderCell>
          <Table.HeaderCell scope="col">{t('team.homeDepartment')}</Table.HeaderCell>
          <Table.HeaderCell scope="col">{t('team.load')}</Table.HeaderCell>
          {data.domains.map((d) => (
            <Table.HeaderCell key={d.id} scope="col">
              {domainName(t, d)}
            </Table.HeaderCell>
          ))}
          {edit && (
            <Table.HeaderCell scope="col">
              <span className="aksel-sr-only">{t('team.actions')}</span>
            </Table.HeaderCell>
          )}
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {data.members.map((m) => (
          <Table.Row key={m.id}>
            <Table.HeaderCell scope="row" className="sc-nowrap">
              {m.displayName}
            </Table.HeaderCell>
            <Table.DataCell>{(m.departmentId && departments.get(m.departmentId)) || '–'}</Table.DataCell>
            <Table.DataCell>{t('team.families', { count: m.familyCount })}</Table.DataCell>
            {data.domains.map((d) => {
              const level = m.competences.find((c) => c.domainId === d.id)?.level;
              return (
                <Table.DataCell key={d.id} data-domain={d.id}>
                  {level ? (
                    <>
                      <span className="aksel-sr-only">{t('team.levelPrefix')} </span>
                      {level}
                    </>
                  ) : (
                    <>
                      <span aria-hidden>–</span>
                      <span className="aksel-sr-only">{t('team.noLevel')}</span>
                    </>
                  )}
                </Table.DataCell>
              );
            })}
            {edit && (
              <Table.DataCell>
                <Button
                  id={editId(m.id)}
                  type="button"
                  size="small"
                  variant="tertiary"
                  onClick={() => onEdit(m)}
                >
                  {t('team.edit')}
                  <span className="aksel-sr-only"> {m.displayName}</span>
                </Button>
              </Table.DataCell>
            )}
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
}
