import { EyeIcon, PencilIcon, PlusIcon } from '@navikt/aksel-icons';
import { BodyShort, Button, Table } from '@navikt/ds-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FamilyDetail, Member } from '../../shared/families/families.contract';
import { FormProblem } from '../app/ErrorAlert';
import { focusById } from '../app/focus';
import { countryName, formatDate, languageName, languageNames } from '../app/format';
import { ScrollTable } from '../app/ScrollTable';
import { focusSection, Section, SectionButton } from '../app/Section';
import { TableHeadings } from '../app/TableHeadings';
import { familiesApi } from './families.api';
import { MemberForm } from './MemberForm';

type Editing = { kind: 'add' } | { kind: 'edit'; member: Member } | null;

/** The household's people; CPR numbers masked, shown in full only through the audited reveal. */
export function MembersSection({ family }: { family: FamilyDetail }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<Editing>(null);
  // Revealed numbers live only in this component: gone when the user leaves the page.
  const [revealed, setRevealed] = useState<Record<string, string | null>>({});
  const [announcement, setAnnouncement] = useState('');

  const reveal = useMutation({
    mutationFn: (member: Member) => familiesApi.revealCpr(family.id, member.id),
    onSuccess: (result, member) => {
      setRevealed((r) => ({ ...r, [member.id]: result.cpr }));
      // The button is replaced by the number: focus follows, or it falls to the page.
      focusById(`cpr-${member.id}`);
      setAnnouncement(
        t('family.members.cprShown', {
          name: `${member.firstName} ${member.lastName}`,
          cpr: result.cpr ?? t('family.members.noCpr'),
        }),
      );
    },
  });

  const canEdit = family.abilities.update;
  // Basic (team) access carries no CPR, origin, languages or interpreter need: no empty columns.
  const full = family.abilities.readFull;

  return (
    <Section
      id="members"
      title={t('family.members.title')}
      actions={
        canEdit &&
        editing === null && (
          <SectionButton icon={<PlusIcon aria-hidden />} onClick={() => setEditing({ kind: 'add' })}>
            {t('family.members.addButton')}
          </SectionButton>
        )
      }
    >
      <FormProblem error={reveal.error} />
      <BodyShort className="aksel-sr-only" role="status" aria-live="polite">
        {announcement}
      </BodyShort>
      {family.members.length === 0 ? (
        <BodyShort>{t('family.members.empty')}</BodyShort>
      ) : (
        <ScrollTable label={t('family.members.tableLabel')}>
          <Table size="small">
            <TableHeadings
              labels={[
                'family.members.name',
                'families.member.role',
                'families.member.birthDate',
                ...(full
                  ? [
                      'family.members.cpr',
                      'families.member.countryOfOrigin',
                      'families.member.languages',
                      'family.members.interpreter',
                      'family.members.contact',
                    ]
                  : []),
              ]}
              actions={canEdit && 'family.members.actions'}
            />
            <Table.Body>
              {family.members.map((member) => {
                const name = `${member.firstName} ${member.lastName}`;
                const shown = member.id in revealed;
                return (
                  <Table.Row key={member.id}>
                    <Table.HeaderCell scope="row">{name}</Table.HeaderCell>
                    <Table.DataCell>{t(`enums.householdRole.${member.role}`)}</Table.DataCell>
                    <Table.DataCell className="sc-nowrap">{formatDate(member.birthDate)}</Table.DataCell>
                    {full && (
                      <>
                        <Table.DataCell className="sc-nowrap">
                          {shown ? (
                            // Focus comes here from the button it replaces (focusById below).
                            <span className="sc-code" id={`cpr-${member.id}`} tabIndex={-1}>
                              {revealed[member.id] ?? t('family.members.noCpr')}
                            </span>
                          ) : (
                            <>
                              <span className="sc-code">{member.cprMasked ?? '–'}</span>
                              {family.abilities.revealCpr && member.cprMasked && (
                                <Button
                                  type="button"
                                  size="xsmall"
                                  variant="tertiary"
                                  icon={<EyeIcon aria-hidden />}
                                  loading={reveal.isPending && reveal.variables?.id === member.id}
                                  onClick={() => reveal.mutate(member)}
                                  aria-label={t('family.members.showCprFor', { name })}
                                >
                                  {t('family.members.showCpr')}
                                </Button>
                              )}
                            </>
                          )}
                        </Table.DataCell>
                        <Table.DataCell>
                          {member.countryOfOrigin ? countryName(member.countryOfOrigin) : '–'}
                        </Table.DataCell>
                        <Table.DataCell>{languageNames(member.languages) || '–'}</Table.DataCell>
                        <Table.DataCell>
                          {member.interpreterNeeded ? t('common.yes') : t('common.no')}
                        </Table.DataCell>
                        <Table.DataCell>
                          <ContactDetails member={member} />
                        </Table.DataCell>
                      </>
                    )}
                    {canEdit && (
                      <Table.DataCell>
                        <Button
                          type="button"
                          size="xsmall"
                          variant="tertiary"
                          icon={<PencilIcon aria-hidden />}
                          onClick={() => setEditing({ kind: 'edit', member })}
                          aria-label={t('family.members.editFor', { name })}
                        >
                          {t('family.members.edit')}
                        </Button>
                      </Table.DataCell>
                    )}
                  </Table.Row>
                );
              })}
            </Table.Body>
          </Table>
        </ScrollTable>
      )}
      {editing && (
        <MemberForm
          key={editing.kind === 'edit' ? editing.member.id : 'add'}
          familyId={family.id}
          member={editing.kind === 'edit' ? editing.member : undefined}
          onDone={() => {
            setEditing(null);
            focusSection('members');
          }}
        />
      )}
    </Section>
  );
}

/** A person's contact details, one per line; a dash when none are registered. */
function ContactDetails({ member }: { member: Member }) {
  const { t } = useTranslation();
  const lines = [
    member.phone && <span className="sc-nowrap">{member.phone}</span>,
    member.email && <a href={`mailto:${member.email}`}>{member.email}</a>,
    member.preferredContact &&
      [
        t(`enums.preferredContact.${member.preferredContact}`),
        member.contactLanguage &&
          t('family.members.contactIn', { language: languageName(member.contactLanguage) }),
      ]
        .filter(Boolean)
        .join(' '),
    !member.preferredContact &&
      member.contactLanguage &&
      `${t('families.member.contactLanguage')}: ${languageName(member.contactLanguage)}`,
  ].filter(Boolean);
  if (lines.length === 0) return <>–</>;
  return (
    <>
      {lines.map((line, i) => (
        // The lines are fixed in number and order: the index is a stable key.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <div key={i}>{line}</div>
      ))}
    </>
  );
}
