package nl.clientapp.dossier;

import java.util.List;

/**
 * The plans, goals and agreed activities of one care domain.
 *
 * @param domain the care domain as the ECD names it, or null for items without a domain
 */
public record CarePlanDomainView(String domain, List<CarePlanItemView> plans, List<CarePlanItemView> goals,
        List<CarePlanItemView> activities) {
}
