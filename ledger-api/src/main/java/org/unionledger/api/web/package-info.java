/** HTTP plumbing shared by every endpoint: problem+json errors, body limits, correlation ids. */
package org.unionledger.api.web;
