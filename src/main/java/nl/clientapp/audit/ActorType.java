package nl.clientapp.audit;

/** Kind of caller behind an audited call: an app user, an integrator of the organisation or a job of this service. */
public enum ActorType {
    APP_USER, INTEGRATOR, SYSTEM
}
