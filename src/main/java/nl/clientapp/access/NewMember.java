package nl.clientapp.access;

/**
 * A person to give access to a client, as an integrator or a client's administrator entered them.
 *
 * @param mobile mobile number as entered, normalised to E.164 by the service
 * @param language language of e-mails and SMS texts, "nl" or "en"; null means "nl"
 */
record NewMember(String name, String relation, String email, String mobile, Role role, MembershipBasis basis,
        String language) {

    static NewMember of(RegisterMemberRequest request) {
        return new NewMember(request.name(), request.relation(), request.email(), request.mobile(), request.role(),
                request.basis(), request.language());
    }

    /** People an administrator invites in the app get the basis INVITED. */
    static NewMember of(InviteMemberRequest request) {
        return new NewMember(request.name(), request.relation(), request.email(), request.mobile(), request.role(),
                MembershipBasis.INVITED, request.language());
    }
}
