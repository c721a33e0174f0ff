/** A data operation that cannot be carried out as declared (bad arguments, a result of the wrong shape). */
export class DataFailure extends Error {
  override name = 'DataFailure';
}
