package nl.clientapp.audit;

/** Who made an audited call: an app user, an integrator of the organisation or a job of this service. */
public enum ActorType {
    APP_USER, INTEGRATOR, SYSTEM
}
