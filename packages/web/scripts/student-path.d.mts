export declare const STUDENT_PATH: readonly string[];
