/** Table types as Kysely sees them. JSON documents are stored as text on both engines. */

export interface ProjectsTable {
  id: string
  /** The project encoded with the domain's `Project.Project` schema, as JSON text. */
  data: string
  updated_at: string
}


export interface Database {
  projects: ProjectsTable
}
