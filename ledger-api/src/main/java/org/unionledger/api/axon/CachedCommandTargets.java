package org.unionledger.api.axon;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Member;
import java.lang.reflect.Method;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.ReflectionUtils;
import org.axonframework.common.annotation.AnnotationUtils;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;

/**
 * Axon's {@code AnnotationCommandTargetResolver}, with the annotated member of each command class
 * looked up once. Axon's walks every method and field of the command and reads their annotations
 * for every command: 14% of an enrolment import's CPU (docs/PERFORMANCE.md, setting 11). Same
 * rules: a method annotated {@link TargetAggregateIdentifier} first, then a field; the same
 * message when a command names no target.
 */
final class CachedCommandTargets implements CommandTargetResolver {

    private final ClassValue<Targets> targets = new ClassValue<>() {
        @Override
        protected Targets computeValue(Class<?> commandType) {
            return new Targets(annotated(commandType, TargetAggregateIdentifier.class),
                    annotated(commandType, TargetAggregateVersion.class));
        }
    };

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        Object payload = command.getPayload();
        Targets found = targets.get(payload.getClass());
        Object identifier;
        Long version;
        try {
            identifier = read(found.identifier(), payload);
            version = asLong(read(found.version(), payload));
        } catch (InvocationTargetException | IllegalAccessException failed) {
            throw new IllegalArgumentException("An exception occurred while extracting aggregate information form a "
                    + "command", failed);
        }
        if (identifier == null) {
            throw new IllegalArgumentException(String.format("Invalid command. It does not identify the target "
                    + "aggregate. Make sure at least one of the fields or methods in the [%s] class contains the "
                    + "@TargetAggregateIdentifier annotation and that it returns a non-null value.",
                    command.getPayloadType().getSimpleName()));
        }
        return new VersionedAggregateIdentifier(identifier, version);
    }

    private static Member annotated(Class<?> type, Class<? extends Annotation> annotation) {
        for (Method method : ReflectionUtils.methodsOf(type)) {
            if (AnnotationUtils.isAnnotationPresent(method, annotation)) {
                return ReflectionUtils.ensureAccessible(method);
            }
        }
        for (Field field : ReflectionUtils.fieldsOf(type)) {
            if (AnnotationUtils.isAnnotationPresent(field, annotation)) {
                return ReflectionUtils.ensureAccessible(field);
            }
        }
        return null;
    }

    private static Object read(Member member, Object payload) throws InvocationTargetException,
            IllegalAccessException {
        if (member instanceof Method method) {
            return method.invoke(payload);
        }
        if (member instanceof Field field) {
            return field.get(payload);
        }
        return null;
    }

    private static Long asLong(Object version) {
        if (version == null || version instanceof Long) {
            return (Long) version;
        }
        if (version instanceof Number number) {
            return number.longValue();
        }
        try {
            return Long.parseLong(version.toString());
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException("The value provided for the version is not a number.", notANumber);
        }
    }

    /** The members of one command class that name its aggregate and expected version (null: none). */
    private record Targets(Member identifier, Member version) {
    }
}
