/** The English side of a section must have exactly the keys of the Chinese side. */
export type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };
