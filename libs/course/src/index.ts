export { decodeCourseEvent } from './course-events';
export { emptyCourse, evolveCourse, type CourseState } from './course-fold';
export { CourseEntity } from './course.entity';
export {
  COURSE_PROJECTION_ENTITIES,
  CourseProjection,
  projectCourseEvent,
  type CourseProjectionOptions,
} from './course-projection';
export {
  combinedWait,
  ProjectionMayBeBehind,
  ReadYourWritesInterceptor,
  refusalOnCourse,
  refusalOnProjection,
} from './read-your-writes';
