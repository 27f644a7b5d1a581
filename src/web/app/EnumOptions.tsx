import { useTranslation } from 'react-i18next';

/**
 * A select's options, one for each value of an enum in the contract's order, each named by its
 * translation under `prefix` (`enums.role` names `leader` by `enums.role.leader`).
 */
export function EnumOptions({ values, prefix }: { values: readonly string[]; prefix: string }) {
  const { t } = useTranslation();
  return (
    <>
      {values.map((value) => (
        <option key={value} value={value}>
          {t(`${prefix}.${value}`)}
        </option>
      ))}
    </>
  );
}
