package nl.clientapp.access;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import nl.clientapp.auth.AuthConfig;

/**
 * Normalises mobile numbers to E.164 with libphonenumber. Numbers without a country code are read
 * as Dutch (06-12345678). Only mobile numbers of the configured regions are accepted.
 */
@ApplicationScoped
public class MobileNumbers {

    /** Reason a number was rejected. */
    public enum Rejection {
        NOT_A_MOBILE_NUMBER, REGION_NOT_ALLOWED
    }

    /** A normalised number, or the reason it was rejected. */
    public record Result(String e164, Rejection rejection) {
    }

    private static final PhoneNumberUtil PHONE_NUMBERS = PhoneNumberUtil.getInstance();

    @Inject
    AuthConfig config;

    public Result normalise(String input) {
        PhoneNumber number;
        try {
            number = PHONE_NUMBERS.parse(input, "NL");
        } catch (NumberParseException e) {
            return new Result(null, Rejection.NOT_A_MOBILE_NUMBER);
        }
        PhoneNumberType type = PHONE_NUMBERS.getNumberType(number);
        if (!PHONE_NUMBERS.isValidNumber(number) || (type != PhoneNumberType.MOBILE && type != PhoneNumberType.FIXED_LINE_OR_MOBILE)) {
            return new Result(null, Rejection.NOT_A_MOBILE_NUMBER);
        }
        if (!allowedRegions().contains(PHONE_NUMBERS.getRegionCodeForNumber(number))) {
            return new Result(null, Rejection.REGION_NOT_ALLOWED);
        }
        return new Result(PHONE_NUMBERS.format(number, PhoneNumberFormat.E164), null);
    }

    /** Checks a stored E.164 number against the regions allowed now, which may have changed since registration. */
    public boolean isAllowed(String e164) {
        return normalise(e164).e164() != null;
    }

    /** Returns the number with all but its last two digits hidden, for example "•••• •• 78". */
    public static String mask(String e164) {
        return "•••• •• " + e164.substring(e164.length() - 2);
    }

    private Set<String> allowedRegions() {
        return config.allowedMobileRegions().stream()
                .map(region -> region.trim().toUpperCase(Locale.ROOT))
                .collect(Collectors.toSet());
    }
}
