/** Axon wiring: aggregates, serializers, processors and the metadata every event carries. */
package org.unionledger.api.axon;
