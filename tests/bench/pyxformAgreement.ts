/**
 * `forms.pyxform_agreement`: the share of pyxform's own test forms (../shared/fixtures/pyxform-cases) that
 * Terrain accepts or refuses as pyxform does, each built as a real .xlsx and converted as an upload is
 * (tests/server/forms/pyxformCases.ts, which the conformance test shares).
 */
import { agrees, loadCases, terrainVerdict } from '../server/forms/pyxformCases';
import { report } from './report';

export function benchPyxformAgreement(): void {
  const cases = loadCases();
  const agreeing = cases.filter((c) => agrees(c, terrainVerdict(c))).length;
  report('forms.pyxform_cases', cases.length);
  report('forms.pyxform_agreement', `${((100 * agreeing) / cases.length).toFixed(1)}%`);
}
