package nl.clientapp.dossier;

import java.util.List;

/** The care and life plan (zorgleefplan), grouped by care domain. */
public record CarePlanView(List<CarePlanDomainView> domains) {
}
