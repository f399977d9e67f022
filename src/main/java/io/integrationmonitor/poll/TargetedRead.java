package io.integrationmonitor.poll;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * One describe call for one resource by ARN ({@link Poller#describe}), with the checks of a listing page
 * ({@link PageGuard}: budget, list present, items not null, required members) plus one of its own: the answer
 * may name only the ARN asked for. An empty answer or the service's "not found" is not a vanish: empty.
 */
final class TargetedRead {
    /**
     * The not-found errors the targeted operations declare, by the SDK's exception classes: Glue
     * {@code EntityNotFoundException} and {@code IntegrationNotFoundFault}, RDS and Redshift
     * {@code IntegrationNotFoundFault}.
     */
    private static final List<Class<? extends AwsServiceException>> NOT_FOUND = List.of(
            software.amazon.awssdk.services.glue.model.EntityNotFoundException.class,
            software.amazon.awssdk.services.glue.model.IntegrationNotFoundException.class,
            software.amazon.awssdk.services.rds.model.IntegrationNotFoundException.class,
            software.amazon.awssdk.services.redshift.model.IntegrationNotFoundException.class);

    private TargetedRead() {
    }

    /**
     * @param operation "Glue DescribeIntegrations"
     * @param call      the one request, naming {@code arn}
     * @param members   where the response keeps its list (its marker is not followed: one call)
     */
    static <R, T> Optional<Snapshot> describe(PollContext context, String operation, String arn, Supplier<R> call,
                                              PageGuard.PageMembers<R, T> members, PageGuard.ItemMapper<T> mapper)
            throws PollFailedException {
        PageGuard page = new PageGuard(operation + " (targeted)", context.budget().start(context.clock()));
        page.nextPage();
        R response;
        try {
            response = call.get();
        } catch (RuntimeException e) {
            if (notFound(e)) {
                return Optional.empty();
            }
            throw PollErrors.failure(page.where(), e);
        }
        List<T> items = page.list(members.present().test(response), members.items().apply(response),
                members.member());
        ObservedResource found = null;
        for (int i = 0; i < items.size(); i++) {
            String path = members.member() + "[" + i + "]";
            if (items.get(i) == null) {
                throw new PollFailedException(PollErrorReason.INVALID_RESPONSE, page.where() + ": " + path + " is null",
                        null);
            }
            ObservedResource mapped = mapper.map(items.get(i), page.where(), path);
            if (!mapped.arn().equals(arn)) {
                throw new PollFailedException(PollErrorReason.INVALID_RESPONSE, page.where() + ": " + path
                        + ".IntegrationArn is not the ARN asked for", null);
            }
            found = mapped;
        }
        if (found == null || !context.filter().accepts(found)) {
            return Optional.empty();
        }
        return Optional.of(Snapshot.targeted(context.target(), context.clock().instant(), found));
    }

    private static boolean notFound(RuntimeException e) {
        return NOT_FOUND.stream().anyMatch(type -> type.isInstance(e));
    }
}
